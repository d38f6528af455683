//! The JSON Schema of the envelope, generated from the Rust types (committed as
//! `schema/wparup.schema.json`; a test fails when that file is stale).

use crate::report::envelope::Envelope;

/// The schema, pretty-printed, with a trailing newline.
pub fn json_schema_text() -> String {
    let schema = schemars::schema_for!(Envelope<'static>);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_else(|e| {
        // Serializing a schemars Schema (a JSON value) cannot fail; keep the edge honest anyway.
        format!("{{\"error\": \"cannot serialize the schema: {e}\"}}")
    });
    s.push('\n');
    s
}
