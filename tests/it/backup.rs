//! `wparup backup` and `--backup DIR`: a savewpar image of each WPAR before it changes, read back
//! with lssavewpar and recorded beside the image; a WPAR whose backup fails is not changed.
//! (The demo's savewpar and lssavewpar are synthetic: no published output of either exists.)

use super::util::FakeAix;

/// Two WPARs behind the global (shared /usr: synchronized without media) and one up to date.
fn host() -> FakeAix {
    let f = FakeAix::new();
    f.set("global", "level", "7100-00-03-1115");
    for n in ["w1", "w2"] {
        f.wpar(n, "A", false);
        f.set(n, "level", "7100-00-02-1041");
    }
    f.wpar("w3", "A", false);
    f.set("w3", "level", "7100-00-03-1115");
    f
}

fn images(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".bff"))
        .collect();
    v.sort();
    v
}

#[test]
fn backup_writes_an_image_per_wpar_read_back_and_recorded() {
    let f = host();
    let dir = tempfile::tempdir().unwrap();
    let r = f.run(&[
        "--json",
        "backup",
        "w1",
        "w3",
        "--to",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(v["changed"], true);
    let names = images(dir.path());
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].starts_with("w1.") && names[1].starts_with("w3."));
    let w1 = &v["wpar_runs"][0];
    let b = &w1["backup"];
    assert_eq!(b["wpar"], "w1");
    assert_eq!(b["level"], "7100-00-02-1041");
    assert!(b["size_bytes"].as_u64().unwrap() > 0, "{b}");
    assert!(
        b["contents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l == "w1.level"),
        "what lssavewpar read back: {b}"
    );
    // The record beside the image says the same.
    let record: serde_json::Value = serde_json::from_slice(
        &std::fs::read(format!("{}.json", b["image"].as_str().unwrap())).unwrap(),
    )
    .unwrap();
    assert_eq!(&record, b);
    let calls = f.calls();
    let save = calls.find("savewpar -f").unwrap();
    let list = calls.find("lssavewpar -l -f").unwrap();
    assert!(save < list, "{calls}");
    assert!(
        !calls.contains("syncwpar"),
        "a backup changes no WPAR: {calls}"
    );
}

#[test]
fn a_missing_backup_directory_is_refused_before_any_wpar() {
    let f = host();
    let r = f.run(&["backup", "--all", "--to", "/nonexistent/backups"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("backup directory `/nonexistent/backups` does not exist"),
        "{r:?}"
    );
    assert!(r.stderr.contains("mkdir -p /nonexistent/backups"), "{r:?}");
    assert!(!f.calls().contains("savewpar"), "{}", f.calls());
}

#[test]
fn upgrade_backs_up_each_changed_wpar_before_its_first_change() {
    let f = host();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let r = f.run(&["--json", "upgrade", "--all", "--backup", d]);
    assert_eq!(r.code, 0, "{r:?}");
    // w1 and w2 changed, w3 was up to date: two images.
    let names = images(dir.path());
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].starts_with("w1.") && names[1].starts_with("w2."));
    let calls = f.calls();
    for w in ["w1", "w2"] {
        let save = calls.find(&format!("savewpar -f {d}/{w}.")).unwrap();
        let sync = calls.find(&format!("syncwpar {w}")).unwrap();
        assert!(save < sync, "the backup comes first: {calls}");
    }
    assert!(
        !calls.contains("w3.2"),
        "no backup of an unchanged WPAR: {calls}"
    );
    let v = r.json();
    assert!(v["wpar_runs"][0]["backup"]["image"].is_string(), "{v}");
    assert!(v["wpar_runs"][2]["backup"].is_null(), "{v}");

    // Its log replays to the same outcome (the images need not be there), later: a replay
    // names the images with the recorded run's time, not its own.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let log = v["log"].as_str().unwrap();
    let again = f.run(&["replay", "--check", log]);
    assert_eq!(again.code, 0, "{again:?}");
}

#[test]
fn a_failed_backup_leaves_the_wpar_unchanged() {
    let f = host();
    std::fs::write(f.state.path().join("savewpar.fail"), "").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let r = f.run(&[
        "--json",
        "sync",
        "w1",
        "--backup",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "{r:?}");
    let v = r.json();
    let msg = v["error"]["message"].as_str().unwrap();
    assert!(msg.contains("the WPAR was not changed"), "{msg}");
    assert!(
        v["error"]["hints"].to_string().contains("/tmp/wpardata/w1"),
        "{v}"
    );
    assert!(!f.calls().contains("syncwpar"), "{}", f.calls());
    assert_eq!(f.state_of("w1"), "A");
}

#[test]
fn a_preview_takes_no_backup() {
    let f = host();
    let dir = tempfile::tempdir().unwrap();
    let r = f.run(&[
        "upgrade",
        "--all",
        "--preview",
        "--backup",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(images(dir.path()).is_empty());
    assert!(!f.calls().contains("savewpar"), "{}", f.calls());
}

#[test]
fn backups_lists_the_images_newest_first_with_their_records() {
    let f = host();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    assert_eq!(f.run(&["backup", "w1", "w3", "--to", d]).code, 0);
    // An older image whose record was lost, and a file that is no image of wparup's.
    std::fs::write(dir.path().join("w2.20200101T000000Z.bff"), "x").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "").unwrap();
    let r = f.run(&["--json", "backups", "--dir", d]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    let rows: Vec<(&str, &serde_json::Value)> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["wpar"].as_str().unwrap(), &e["level"]))
        .collect();
    assert_eq!(rows.len(), 3, "{v}");
    assert_eq!(rows[0], ("w1", &serde_json::json!("7100-00-02-1041")));
    assert_eq!(rows[1].0, "w3");
    assert_eq!(rows[2], ("w2", &serde_json::Value::Null));
    let one = f.run(&["backups", "w2", "--dir", d]);
    assert_eq!(one.code, 0);
    assert_eq!(one.stdout.lines().count(), 2, "{}", one.stdout);
    assert!(one.stdout.contains("20200101T000000Z w2"), "{}", one.stdout);
    let none = f.run(&["backups", "--dir", "/nonexistent/backups"]);
    assert_eq!(none.code, 2, "{none:?}");
}

/// A change that fails after its backup names the image to go back to.
#[test]
fn a_change_that_fails_after_its_backup_names_the_image() {
    let f = host();
    // w1's syncwpar fails for want of space (the demo's full /usr).
    f.wpar("w1", "A", true);
    f.set("w1", "usr_free_mb", "1");
    std::fs::write(f.state.path().join("global.filesets"), "bos.rte 7.1.0.3\n").unwrap();
    f.set("w1", "filesets", "bos.rte 7.1.0.1");
    let media = tempfile::tempdir().unwrap();
    std::fs::write(media.path().join("bos.rte.7.1.0.3.U"), "").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let r = f.run(&[
        "--json",
        "sync",
        "w1",
        "-d",
        media.path().to_str().unwrap(),
        "--backup",
        dir.path().to_str().unwrap(),
    ]);
    assert_ne!(r.code, 0, "{r:?}");
    let v = r.json();
    let image = v["backup"]["image"].as_str().unwrap().to_string();
    let next = v["next"].to_string();
    assert!(
        next.contains(&format!("wparup restore w1 --from {image}")),
        "{next}"
    );
}
