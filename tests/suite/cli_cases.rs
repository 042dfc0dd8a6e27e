//! The command line as a user meets it: each case in `tests/cases/cli/*.yaml` runs the `ndas` binary in a fresh
//! temporary directory and states its exit code, what it printed and which files it must leave alone. These are
//! the faults only the binary shows (clap's flag rules, exit codes, what reaches stdout before an error), so the
//! cases run the real executable, not the library. Adding a case is adding a file.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;

use super::common;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What the case is about and why this outcome is the right one.
    note: String,
    /// Writes the tiny synthetic extract (seed 42) to `{dir}/data` before the command runs.
    #[serde(default)]
    tiny_extract: bool,
    /// Files to write (path relative to `{dir}` -> content) before the command runs.
    #[serde(default)]
    files: BTreeMap<String, String>,
    /// Commands run first, each expected to exit 0 (to build the outputs the case's command reads).
    #[serde(default)]
    before: Vec<Vec<String>>,
    /// Arguments after `ndas`; `{dir}` is the case's temporary directory (also the working directory), `{repo}`
    /// this repository (a policy root).
    args: Vec<String>,
    /// The exit code.
    code: i32,
    /// Exactly what stdout must be, when given.
    #[serde(default)]
    stdout: Option<String>,
    /// Substrings stdout must contain.
    #[serde(default)]
    stdout_contains: Vec<String>,
    /// Substrings stderr must contain.
    #[serde(default)]
    stderr_contains: Vec<String>,
    /// Files (relative to `{dir}`) whose bytes the command must not change.
    #[serde(default)]
    unchanged: Vec<String>,
    /// Files (relative to `{dir}`) that must not exist afterwards.
    #[serde(default)]
    absent: Vec<String>,
    /// Files (relative to `{dir}`) that must exist afterwards.
    #[serde(default)]
    present: Vec<String>,
}

/// How long a command may take before the case fails (a refusal that never comes would leave `watch` running).
const TIMEOUT: Duration = Duration::from_secs(60);

/// Runs `ndas ARGS` in `dir`, killing it if it outlives `TIMEOUT`. Returns (exit code, stdout, stderr).
fn ndas(dir: &Path, args: &[String]) -> Result<(i32, String, String), String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ndas"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start ndas: {e}"))?;
    let started = Instant::now();
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "`ndas {}` still running after {TIMEOUT:?}",
                args.join(" ")
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    Ok((
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    ))
}

/// Runs one case file; returns its mismatches (empty when it holds).
fn check(path: &Path) -> Vec<String> {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let case: Case = match serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()) {
        Ok(case) => case,
        Err(e) => return vec![format!("{name}: bad case file: {e}")],
    };
    let temporary = tempfile::tempdir().unwrap();
    let dir = temporary.path();
    let fill = |text: &str| {
        text.replace("{dir}", &dir.display().to_string())
            .replace("{repo}", &common::repo().display().to_string())
    };
    let fill_all = |args: &[String]| args.iter().map(|a| fill(a)).collect::<Vec<_>>();
    let mut faults = Vec::new();
    let mut fault = |what: String| faults.push(format!("{name} ({}): {what}", case.note.trim()));
    if case.tiny_extract {
        common::synth(dir, ndas::synth::Size::Tiny, 42);
        std::fs::rename(dir.join("extract"), dir.join("data")).unwrap();
    }
    for (file, content) in &case.files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    for args in &case.before {
        match ndas(dir, &fill_all(args)) {
            Ok((0, _, _)) => {}
            Ok((code, _, stderr)) => fault(format!("`{}` exited {code}: {stderr}", args.join(" "))),
            Err(e) => fault(e),
        }
    }
    let before: BTreeMap<&String, Vec<u8>> = case
        .unchanged
        .iter()
        .map(|f| (f, std::fs::read(dir.join(f)).unwrap_or_default()))
        .collect();
    let (code, stdout, stderr) = match ndas(dir, &fill_all(&case.args)) {
        Ok(result) => result,
        Err(e) => {
            fault(e);
            return faults;
        }
    };
    if code != case.code {
        fault(format!(
            "exit code {code}, expected {}\n    stdout {stdout:?}\n    stderr {stderr:?}",
            case.code
        ));
    }
    if let Some(wanted) = &case.stdout
        && fill(wanted) != stdout
    {
        fault(format!(
            "stdout\n    expected {:?}\n    got {stdout:?}",
            fill(wanted)
        ));
    }
    for wanted in &case.stdout_contains {
        if !stdout.contains(&fill(wanted)) {
            fault(format!("stdout lacks {:?}: {stdout:?}", fill(wanted)));
        }
    }
    for wanted in &case.stderr_contains {
        if !stderr.contains(&fill(wanted)) {
            fault(format!("stderr lacks {:?}: {stderr:?}", fill(wanted)));
        }
    }
    for (file, bytes) in before {
        if bytes.is_empty() {
            fault(format!(
                "{file} to keep unchanged does not exist (or is empty) before"
            ));
        } else if std::fs::read(dir.join(file)).unwrap_or_default() != bytes {
            fault(format!("{file} was changed"));
        }
    }
    for file in &case.absent {
        if dir.join(file).exists() {
            fault(format!("{file} exists"));
        }
    }
    for file in &case.present {
        if !dir.join(file).is_file() {
            fault(format!("{file} does not exist"));
        }
    }
    faults
}

#[test]
fn cli_cases() {
    let mut cases: Vec<_> = std::fs::read_dir(common::repo().join("tests/cases/cli"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases in tests/cases/cli");
    let failures: Vec<String> = cases.iter().flat_map(|case| check(case)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
