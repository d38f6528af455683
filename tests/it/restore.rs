//! `wparup restore NAME --from IMAGE`: the way back. The image is read back and the guards pass
//! before anything changes; then stop, rmwpar, restwpar, start again, verify. A shared-/usr
//! WPAR's image taken at another global level is refused (exit 18) unless `--force`.
//! (The demo's savewpar, lssavewpar, rmwpar and restwpar are synthetic: no published output of
//! them exists.)

use super::util::FakeAix;

/// The image `backup NAME --to DIR` wrote.
fn backup(f: &FakeAix, name: &str, dir: &std::path::Path) -> String {
    let r = f.run(&["--json", "backup", name, "--to", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:?}");
    r.json()["backup"]["image"].as_str().unwrap().to_string()
}

fn level_of(f: &FakeAix, name: &str) -> String {
    std::fs::read_to_string(f.state.path().join(format!("{name}.level")))
        .unwrap()
        .trim()
        .to_string()
}

/// A running detached WPAR is changed after its backup; restore brings it back to the image's
/// level and running, in the documented order, and verifies it.
#[test]
fn restore_brings_a_private_wpar_back_to_the_images_level_and_running() {
    let f = FakeAix::new();
    f.set("global", "level", "7100-00-03-1115");
    f.wpar("p1", "A", true);
    f.set("p1", "level", "7100-00-02-1041");
    let dir = tempfile::tempdir().unwrap();
    let image = backup(&f, "p1", dir.path());
    // The change the admin wants undone.
    f.set("p1", "level", "7100-00-03-1115");
    let r = f.run(&["--json", "restore", "p1", "--from", &image]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    let run = &v;
    assert_eq!(run["restored_from"]["level"], "7100-00-02-1041");
    assert_eq!(run["level_after"], "7100-00-02-1041");
    assert_eq!(run["state_after"], "active");
    assert_eq!(run["consistency"]["consistent"], true, "{run}");
    assert_eq!(level_of(&f, "p1"), "7100-00-02-1041");
    assert_eq!(f.state_of("p1"), "A");
    let calls = f.calls();
    let at = |s: &str| {
        calls
            .find(s)
            .unwrap_or_else(|| panic!("{s} not in {calls}"))
    };
    let read = calls.rfind("lssavewpar -l -f").unwrap();
    assert!(
        read < at("stopwpar p1"),
        "read back before any change: {calls}"
    );
    assert!(at("stopwpar p1") < at("rmwpar p1"));
    assert!(at("rmwpar p1") < at(&format!("restwpar -f {image} -n p1")));
    assert!(at("restwpar -f") < at("startwpar p1"));
    assert!(at("startwpar p1") < calls.rfind("lppchk").unwrap());
}

/// IBM: a shared WPAR restored onto a global whose installed software differs fails in
/// syncroot. The image taken before the global moved on is refused, nothing touched; with
/// --force restwpar runs and its syncroot failure says what undoing a shared WPAR means.
#[test]
fn a_shared_wpar_image_from_another_global_level_is_refused_unless_forced() {
    let f = FakeAix::new();
    f.set("global", "level", "7100-00-02-1041");
    f.wpar("s1", "A", false);
    let dir = tempfile::tempdir().unwrap();
    f.set("s1", "level", "7100-00-02-1041");
    let image = backup(&f, "s1", dir.path());
    // The global is updated and the WPAR synchronized with it.
    f.set("global", "level", "7100-00-03-1115");
    f.set("s1", "level", "7100-00-03-1115");
    let before = f.calls().len();
    let r = f.run(&["--json", "restore", "s1", "--from", &image]);
    assert_eq!(r.code, 18, "{r:?}");
    let v = r.json();
    assert_eq!(v["exit_name"], "image_mismatch");
    let err = v["error"].to_string();
    assert!(
        err.contains("7100-00-02-1041") && err.contains("7100-00-03-1115"),
        "{err}"
    );
    assert!(err.contains("undoing the global too"), "{err}");
    let after = &f.calls()[before..];
    assert!(
        !after.contains("rmwpar") && !after.contains("stopwpar") && !after.contains("restwpar"),
        "nothing changed: {after}"
    );
    assert_eq!(f.state_of("s1"), "A");

    let r = f.run(&["restore", "s1", "--from", &image, "--force"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("--force: WPAR `s1` shares"), "{r:?}");
    assert!(r.stdout.contains("syncroot"), "{r:?}");
    assert!(r.stdout.contains("undoing the global too"), "{r:?}");
}

/// A shared WPAR's image taken at today's global level restores without --force.
#[test]
fn a_shared_wpar_image_at_the_globals_level_restores() {
    let f = FakeAix::new();
    f.set("global", "level", "7100-00-03-1115");
    f.wpar("s1", "D", false);
    let dir = tempfile::tempdir().unwrap();
    let image = backup(&f, "s1", dir.path());
    let r = f.run(&["restore", "s1", "--from", &image]);
    assert_eq!(r.code, 0, "{r:?}");
    // It was stopped: it is left stopped, with the way to check it.
    assert_eq!(f.state_of("s1"), "D");
    assert!(
        r.stdout
            .contains("`wparup start s1`, then `wparup verify s1`"),
        "{r:?}"
    );
    assert!(!f.calls().contains("stopwpar s1"), "{}", f.calls());
}

/// The wrong image, a missing image, and a preview: each changes nothing.
#[test]
fn wrong_or_missing_images_and_previews_change_nothing() {
    let f = FakeAix::new();
    f.set("global", "level", "7100-00-03-1115");
    f.wpar("p1", "A", true);
    f.wpar("p2", "A", true);
    let dir = tempfile::tempdir().unwrap();
    let image = backup(&f, "p1", dir.path());
    let r = f.run(&["restore", "p2", "--from", &image]);
    assert_eq!(r.code, 18, "{r:?}");
    assert!(
        r.stdout.contains("is an image of WPAR `p1`, not of `p2`"),
        "{r:?}"
    );

    let missing = dir.path().join("p1.20260101T000000Z.bff");
    let r = f.run(&["restore", "p1", "--from", missing.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stdout.contains("cannot be read") && r.stdout.contains("p1.20260101T000000Z.bff"),
        "{r:?}"
    );
    assert!(r.stdout.contains("wparup backups --dir"), "{r:?}");

    let r = f.run(&["--json", "restore", "p1", "--from", &image, "--preview"]);
    assert_eq!(r.code, 0, "{r:?}");
    let plan = r.json()["plan"].to_string();
    assert!(
        plan.contains("stopwpar p1") && plan.contains("rmwpar p1") && plan.contains("restwpar -f"),
        "{plan}"
    );
    let calls = f.calls();
    assert!(
        !calls.contains("rmwpar") && !calls.contains("restwpar"),
        "{calls}"
    );
}

/// An image from before a migration holds the old release: the restored WPAR stays stopped
/// (startwpar would refuse it, 0960-667) and the next step is the migration.
#[test]
fn a_pre_migration_image_is_restored_stopped_with_the_migration_next() {
    let f = FakeAix::new();
    f.set("global", "level", "6100-06-05-1115");
    f.wpar("old", "A", true);
    let dir = tempfile::tempdir().unwrap();
    f.set("old", "level", "6100-06-05-1115");
    let image = backup(&f, "old", dir.path());
    // The global and the WPAR were migrated to 7.1.
    f.set("global", "level", "7100-00-03-1115");
    f.set("old", "level", "7100-00-03-1115");
    let r = f.run(&["restore", "old", "--from", &image]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(f.state_of("old"), "D");
    assert_eq!(level_of(&f, "old"), "6100-06-05-1115");
    assert!(
        r.stdout
            .contains("stays stopped until it is migrated again"),
        "{r:?}"
    );
    assert!(r.stdout.contains("wparup migrate old"), "{r:?}");
    assert!(!f.calls().contains("startwpar old\n"), "{}", f.calls());
}

/// The restore's log replays to the same conclusion without the image or its record (wparup's
/// own reading of the record is a recorded step).
#[test]
fn a_restore_log_replays_the_same() {
    let f = FakeAix::new();
    f.set("global", "level", "7100-00-03-1115");
    f.wpar("p1", "A", true);
    let dir = tempfile::tempdir().unwrap();
    let image = backup(&f, "p1", dir.path());
    let r = f.run(&["restore", "p1", "--from", &image]);
    assert_eq!(r.code, 0, "{r:?}");
    drop(dir);
    let log = std::fs::read_dir(f.logs.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("restore-p1"))
        .unwrap();
    let r = f.run(&["replay", "--check", log.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{r:?}");
}

/// `upgrade --backup DIR` names the exact restore line of each WPAR it changed.
#[test]
fn an_upgrade_with_backups_prints_the_restore_line_of_each_changed_wpar() {
    let f = FakeAix::new();
    f.set("global", "level", "7100-00-03-1115");
    f.wpar("s1", "A", false);
    f.set("s1", "level", "7100-00-02-1041");
    f.wpar("s2", "A", false);
    let dir = tempfile::tempdir().unwrap();
    let r = f.run(&[
        "--json",
        "upgrade",
        "--all",
        "--backup",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    let runs = v["wpar_runs"].as_array().unwrap();
    let s1 = runs.iter().find(|w| w["wpar"] == "s1").unwrap();
    let image = s1["backup"]["image"].as_str().unwrap();
    assert!(
        s1["next"]
            .to_string()
            .contains(&format!("wparup restore s1 --from {image}")),
        "{s1}"
    );
    let s2 = runs.iter().find(|w| w["wpar"] == "s2").unwrap();
    assert!(
        s2["backup"].is_null() && !s2["next"].to_string().contains("restore"),
        "{s2}"
    );
}

/// An image without wparup's record: a running private WPAR is known to be private and
/// restores; a shared one is refused (its level cannot be told) until `--force`.
#[test]
fn an_image_without_its_record_is_restored_only_when_its_kind_allows() {
    let f = FakeAix::new();
    f.set("global", "level", "7100-00-03-1115");
    f.wpar("p1", "D", true);
    f.wpar("s1", "D", false);
    let dir = tempfile::tempdir().unwrap();
    for n in ["p1", "s1"] {
        let image = backup(&f, n, dir.path());
        std::fs::remove_file(format!("{image}.json")).unwrap();
        let r = f.run(&["restore", n, "--from", &image]);
        if n == "p1" {
            assert_eq!(r.code, 0, "{r:?}");
        } else {
            assert_eq!(r.code, 18, "{r:?}");
            assert!(r.stdout.contains("no record of"), "{r:?}");
            let r = f.run(&["restore", n, "--from", &image, "--force"]);
            assert_eq!(r.code, 0, "{r:?}");
        }
    }
}

/// The image of a WPAR saved while stopped records no level: when the restored WPAR turns out
/// to be on an older release (startwpar refuses it, 0960-667), the restore still succeeded and
/// the next step is the migration.
#[test]
fn a_restored_wpar_that_startwpar_refuses_as_older_is_left_for_migration() {
    let f = FakeAix::new();
    f.set("global", "level", "7100-00-03-1115");
    f.wpar("old", "D", true);
    f.set("old", "level", "6100-06-05-1115");
    let dir = tempfile::tempdir().unwrap();
    let image = backup(&f, "old", dir.path());
    // Migrated and started since.
    f.set("old", "level", "7100-00-03-1115");
    f.wpar("old", "A", true);
    let r = f.run(&["restore", "old", "--from", &image]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("0960-667"), "{r:?}");
    assert!(
        r.stdout
            .contains("stays stopped until it is migrated again"),
        "{r:?}"
    );
    assert!(r.stdout.contains("wparup migrate old"), "{r:?}");
    assert_eq!(f.state_of("old"), "D");
}
