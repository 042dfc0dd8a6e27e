//! The Rhai sandbox. SMEs write the decisions (which events are organised exploitation, how many involvement
//! points a fact is worth) as Rhai scripts; this module compiles them once when the policy loads and runs them
//! many times, never letting a script touch the machine or run away with it.
//!
//! Scripts record evidence by calling `fire(rule_id, points, reason)`, `fire(rule_id, points, reason, label)` or
//! `fire_with_events(rule_id, points, reason, event_ids)` (person and network rules cite the events they rest on).
//! The engine, not the script, remembers each call with the script's file and line, so provenance cannot be
//! forgotten or forged by a script. Firings are collected in a thread-local buffer for the duration of one call:
//! a call is synchronous on one thread, so the buffer belongs to exactly one subject at a time.
//!
//! What must never happen here: file or module access (`no_module`), `eval`, unbounded loops, recursion, strings,
//! arrays or maps (every limit is set below), and printing personal data to the terminal (`print` is silenced).

use std::cell::RefCell;
use std::collections::BTreeSet;

use rhai::{
    AST, ASTNode, CallFnOptions, Dynamic, Engine, EvalAltResult, Expr, INT, NativeCallContext,
    Scope, Stmt,
};

use crate::ids::RuleId;

/// Upper bounds on one script call. A runaway script stops with an error after at most this much work;
/// generous enough that no honest rule gets near them.
pub const MAX_OPERATIONS: u64 = 2_000_000;
pub const MAX_CALL_LEVELS: usize = 32;
pub const MAX_STRING_BYTES: usize = 64 * 1024;
pub const MAX_ARRAY_LEN: usize = 20_000;
pub const MAX_MAP_LEN: usize = 20_000;

/// One call of `fire` inside a script: the unit of evidence for every decision and score.
#[derive(Clone, Debug, PartialEq)]
pub struct Firing {
    pub rule: RuleId,
    pub points: i64,
    pub reason: String,
    /// The label this rule argues for (e.g. `criminal_exploitation`); `None` supports every label.
    pub label: Option<String>,
    /// `file:line` of the `fire` call.
    pub source: String,
    /// Events the firing rests on (person and network rules cite them with `fire_with_events`).
    pub events: Vec<String>,
}

/// The sum of points as every decision and score counts it: exact (in 128 bits, where no number of firings a
/// run can hold wraps), then held within `i64`. `fire` takes any integer a script writes, and two firings of
/// `i64::MAX` must not wrap round to -2 and unflag an event or sink a person to the bottom of the scale; the sum
/// saturates instead, and does so whatever the order of the firings.
pub fn total_points(points: impl IntoIterator<Item = i64>) -> i64 {
    let exact: i128 = points.into_iter().map(i128::from).sum();
    let held = exact.clamp(i128::from(i64::MIN), i128::from(i64::MAX));
    i64::try_from(held).unwrap_or(if held < 0 { i64::MIN } else { i64::MAX })
}

/// A compiled script, ready to call.
pub struct CompiledScript {
    /// Path shown to people, relative to the policy root, e.g. `rules/organised_exploitation/classify.rhai`.
    pub file: String,
    ast: AST,
}

impl CompiledScript {
    pub fn has_function(&self, name: &str, params: usize) -> bool {
        self.ast
            .iter_functions()
            .any(|f| f.name == name && f.params.len() == params)
    }
}

/// A script that does not compile or uses what it must not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptFault {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A script call that failed at run time (limit hit, type error, unknown property). Recorded on the subject as
/// a diagnostic; the run goes on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("rule error in `{file}` function `{function}` for {subject}: {message}")]
pub struct ScriptRunError {
    pub file: String,
    pub function: String,
    pub subject: String,
    pub message: String,
}

/// The result of one call: what the function returned and what it fired.
pub struct Evaluation {
    pub value: Dynamic,
    pub firings: Vec<Firing>,
}

thread_local! {
    static FIRINGS: RefCell<Vec<Firing>> = const { RefCell::new(Vec::new()) };
}

/// Functions scripts call that are keywords rather than registered functions.
const KEYWORD_FUNCTIONS: &[&str] = &[
    "Fn",
    "call",
    "curry",
    "is_def_fn",
    "is_def_var",
    "is_shared",
    "type_of",
    "print",
    "debug",
];

/// The engine every script runs in, with its limits and the `fire` function.
pub struct Sandbox {
    engine: Engine,
    known_functions: BTreeSet<String>,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    pub fn new() -> Self {
        let mut engine = Engine::new();
        engine
            .set_max_operations(MAX_OPERATIONS)
            .set_max_call_levels(MAX_CALL_LEVELS)
            .set_max_expr_depths(64, 64)
            .set_max_string_size(MAX_STRING_BYTES)
            .set_max_array_size(MAX_ARRAY_LEN)
            .set_max_map_size(MAX_MAP_LEN)
            .set_strict_variables(true)
            .disable_symbol("eval");
        engine.on_print(|_| {});
        engine.on_debug(|_, _, _| {});
        engine.register_fn(
            "fire",
            |ctx: NativeCallContext, rule: &str, points: INT, reason: &str| {
                record(&ctx, rule, points, reason, None)
            },
        );
        engine.register_fn(
            "fire",
            |ctx: NativeCallContext, rule: &str, points: INT, reason: &str, label: &str| {
                record(&ctx, rule, points, reason, Some(label))
            },
        );
        engine.register_fn(
            "fire_with_events",
            |ctx: NativeCallContext, rule: &str, points: INT, reason: &str, events: rhai::Array| {
                record(&ctx, rule, points, reason, None)?;
                let ids: Vec<String> = events.iter().map(|e| e.to_string()).collect();
                cite(ids);
                Ok::<(), Box<EvalAltResult>>(())
            },
        );
        engine.register_fn(
            "fire_with_events",
            |ctx: NativeCallContext, rule: &str, points: INT, reason: &str, event: &str| {
                record(&ctx, rule, points, reason, None)?;
                cite(vec![event.to_string()]);
                Ok::<(), Box<EvalAltResult>>(())
            },
        );
        let mut known_functions: BTreeSet<String> = engine
            .gen_fn_signatures(true)
            .iter()
            .filter_map(|signature| signature.split('(').next())
            .map(|name| name.trim().to_string())
            .collect();
        known_functions.extend(KEYWORD_FUNCTIONS.iter().map(|k| k.to_string()));
        Self {
            engine,
            known_functions,
        }
    }

    /// Compiles `source`; `file` is the path shown in evidence and errors.
    pub fn compile(&self, file: &str, source: &str) -> Result<CompiledScript, ScriptFault> {
        let mut ast = self.engine.compile(source).map_err(|err| {
            let position = err.position();
            ScriptFault {
                line: position.line().unwrap_or(1),
                column: position.position().unwrap_or(1),
                message: err.err_type().to_string().to_lowercase_first(),
            }
        })?;
        ast.set_source(file);
        Ok(CompiledScript {
            file: file.to_string(),
            ast,
        })
    }

    /// Static checks that compilation does not make: calls to functions that exist neither in the script nor in
    /// the engine (Rhai would only notice when the line runs), and any mention of a protected attribute.
    pub fn lint(
        &self,
        script: &CompiledScript,
        source: &str,
        forbidden_attributes: &[&str],
    ) -> Vec<ScriptFault> {
        let defined: BTreeSet<String> = script
            .ast
            .iter_functions()
            .map(|f| f.name.to_string())
            .collect();
        let mut faults = Vec::new();
        script.ast.walk(&mut |path: &[ASTNode]| {
            let call = match path.last() {
                Some(ASTNode::Expr(Expr::FnCall(call, pos))) if call.op_token.is_none() => {
                    Some((call, *pos))
                }
                Some(ASTNode::Expr(Expr::MethodCall(call, pos))) => Some((call, *pos)),
                Some(ASTNode::Stmt(Stmt::FnCall(call, pos))) if call.op_token.is_none() => {
                    Some((call, *pos))
                }
                _ => None,
            };
            if let Some((call, pos)) = call {
                let name = call.name.as_str();
                let known = defined.contains(name)
                    || self.known_functions.contains(name)
                    || !name
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphabetic() || c == '_');
                if !known {
                    faults.push(ScriptFault {
                        line: pos.line().unwrap_or(1),
                        column: pos.position().unwrap_or(1),
                        message: format!("call to unknown function `{name}`"),
                    });
                }
            }
            true
        });
        faults.extend(protected_mentions(source, forbidden_attributes));
        faults.sort_by_key(|f| (f.line, f.column));
        faults
    }

    /// Calls `function(argument)` in `script` for `subject` (an id shown in errors).
    pub fn call(
        &self,
        script: &CompiledScript,
        function: &str,
        subject: &str,
        argument: Dynamic,
    ) -> Result<Evaluation, (ScriptRunError, Vec<Firing>)> {
        FIRINGS.with(|f| f.borrow_mut().clear());
        let mut scope = Scope::new();
        let options = CallFnOptions::new().eval_ast(false).rewind_scope(true);
        let result = self.engine.call_fn_with_options::<Dynamic>(
            options,
            &mut scope,
            &script.ast,
            function,
            (argument,),
        );
        let firings = FIRINGS.with(|f| std::mem::take(&mut *f.borrow_mut()));
        match result {
            Ok(value) => Ok(Evaluation { value, firings }),
            Err(err) => Err((
                ScriptRunError {
                    file: script.file.clone(),
                    function: function.to_string(),
                    subject: subject.to_string(),
                    message: describe_run_error(&err),
                },
                firings,
            )),
        }
    }
}

fn record(
    ctx: &NativeCallContext,
    rule: &str,
    points: INT,
    reason: &str,
    label: Option<&str>,
) -> Result<(), Box<EvalAltResult>> {
    if rule.trim().is_empty() {
        return Err("`fire` needs a rule id as its first argument".into());
    }
    let line = ctx.call_position().line().unwrap_or(0);
    let file = ctx.call_source().unwrap_or("<script>");
    let firing = Firing {
        rule: RuleId::new(rule.trim()),
        points,
        reason: reason.to_string(),
        label: label.map(str::to_string).filter(|l| !l.is_empty()),
        source: format!("{file}:{line}"),
        events: Vec::new(),
    };
    FIRINGS.with(|f| f.borrow_mut().push(firing));
    Ok(())
}

/// Attaches event ids to the firing just recorded.
fn cite(mut ids: Vec<String>) {
    ids.sort();
    ids.dedup();
    FIRINGS.with(|f| {
        if let Some(last) = f.borrow_mut().last_mut() {
            last.events = ids;
        }
    });
}

fn describe_run_error(err: &EvalAltResult) -> String {
    let position = err.position();
    let text = err.to_string();
    // Rhai appends "(line 3, position 5)"; keep one tidy form.
    let text = match text.find(" (line ") {
        Some(at) => text.get(..at).unwrap_or(&text).to_string(),
        None => text,
    };
    match position.line() {
        Some(line) => format!("{} at line {line}", text.to_lowercase_first()),
        None => text.to_lowercase_first(),
    }
}

trait LowercaseFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowercaseFirst for str {
    fn to_lowercase_first(&self) -> String {
        let mut chars = self.chars();
        match chars.next() {
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

/// Every identifier or string literal in `source` that names a forbidden attribute, outside comments.
fn protected_mentions(source: &str, forbidden: &[&str]) -> Vec<ScriptFault> {
    let mut faults = Vec::new();
    for (line_index, column, word) in words_outside_comments(source) {
        if forbidden.contains(&word.as_str()) {
            faults.push(ScriptFault {
                line: line_index + 1,
                column: column + 1,
                message: format!(
                    "script reads protected attribute `{word}`, which this use case does not permit"
                ),
            });
        }
    }
    faults
}

/// (line index, column index, word) for identifiers and whole string literals, skipping `//` and `/* */`.
fn words_outside_comments(source: &str) -> Vec<(usize, usize, String)> {
    let mut words = Vec::new();
    let mut in_block_comment = false;
    for (line_index, line) in source.lines().enumerate() {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut i = 0;
        while let Some(&(column, c)) = chars.get(i) {
            let next = chars.get(i + 1).map(|&(_, n)| n);
            if in_block_comment {
                if c == '*' && next == Some('/') {
                    in_block_comment = false;
                    i += 1;
                }
                i += 1;
                continue;
            }
            if c == '/' && next == Some('/') {
                break;
            }
            if c == '/' && next == Some('*') {
                in_block_comment = true;
                i += 2;
                continue;
            }
            if c == '"' || c == '`' || c == '\'' {
                let mut literal = String::new();
                i += 1;
                while let Some(&(_, s)) = chars.get(i) {
                    if s == c {
                        break;
                    }
                    literal.push(s);
                    i += 1;
                }
                words.push((line_index, column + 1, literal.trim().to_string()));
                i += 1;
                continue;
            }
            if c.is_alphabetic() || c == '_' {
                let mut word = String::new();
                while let Some(&(_, w)) = chars.get(i) {
                    if !(w.is_alphanumeric() || w == '_') {
                        break;
                    }
                    word.push(w);
                    i += 1;
                }
                words.push((line_index, column, word));
                continue;
            }
            i += 1;
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sandbox_and(source: &str) -> (Sandbox, CompiledScript) {
        let sandbox = Sandbox::new();
        let script = sandbox.compile("test.rhai", source).unwrap();
        (sandbox, script)
    }

    #[test]
    fn fire_records_rule_line_and_label() {
        let (sandbox, script) = sandbox_and(
            "fn decide(x) {\n  if x > 1 {\n    fire(\"R-1\", 2, \"big\", \"criminal_exploitation\");\n  }\n  fire(\"R-2\", -1, `x is ${x}`);\n}\n",
        );
        let eval = sandbox
            .call(&script, "decide", "E1", Dynamic::from(5_i64))
            .ok()
            .unwrap();
        assert_eq!(eval.firings.len(), 2);
        assert_eq!(eval.firings[0].rule.as_str(), "R-1");
        assert_eq!(eval.firings[0].source, "test.rhai:3");
        assert_eq!(
            eval.firings[0].label.as_deref(),
            Some("criminal_exploitation")
        );
        assert_eq!(eval.firings[1].reason, "x is 5");
        assert_eq!(eval.firings[1].points, -1);
    }

    #[test]
    fn points_sum_saturates_in_any_order() {
        let (max, min) = (i64::MAX, i64::MIN);
        for (points, total) in [
            (vec![], 0),
            (vec![3, -1, 2], 4),
            (vec![max, max], max),
            (vec![max, max, -max], max),
            (vec![-max, max, max], max),
            (vec![min, min], min),
            (vec![min, -1], min),
            (vec![max, min], -1),
            (vec![max, 1, min, -1], -1),
        ] {
            assert_eq!(total_points(points.iter().copied()), total, "{points:?}");
        }
    }

    #[test]
    fn endless_loop_stops_with_named_error() {
        let (sandbox, script) = sandbox_and("fn decide(x) { loop { x += 1; } }");
        let (err, _) = sandbox
            .call(&script, "decide", "event `E9`", Dynamic::from(1_i64))
            .err()
            .unwrap();
        assert_eq!(err.function, "decide");
        assert_eq!(err.file, "test.rhai");
        assert!(
            err.message.contains("too many operations"),
            "{}",
            err.message
        );
        assert!(err.to_string().contains("event `E9`"));
    }

    #[test]
    fn huge_string_stops() {
        let (sandbox, script) = sandbox_and("fn decide(x) { let s = \"x\"; loop { s += s; } }");
        let (err, _) = sandbox
            .call(&script, "decide", "E1", Dynamic::from(1_i64))
            .err()
            .unwrap();
        assert!(err.message.contains("length of string"), "{}", err.message);
    }

    #[test]
    fn eval_is_not_available() {
        let sandbox = Sandbox::new();
        assert!(sandbox.compile("t.rhai", "fn f() { eval(\"1\") }").is_err());
    }

    #[test]
    fn lint_names_unknown_functions_and_protected_attributes() {
        let source = "fn f(p) {\n  // p.sex is never read\n  if p.ethnicity == \"x\" { fire(\"R\", 1, \"r\"); }\n  frobnicate(p);\n  p[\"postcode\"].len();\n  helper(p)\n}\nfn helper(p) { p.age.to_string() }\n";
        let (sandbox, script) = sandbox_and(source);
        let faults = sandbox.lint(&script, source, &["ethnicity", "sex", "postcode"]);
        let summary: Vec<String> = faults
            .iter()
            .map(|f| format!("{}:{} {}", f.line, f.column, f.message))
            .collect();
        assert_eq!(
            summary,
            vec![
                "3:8 script reads protected attribute `ethnicity`, which this use case does not permit",
                "4:3 call to unknown function `frobnicate`",
                "5:6 script reads protected attribute `postcode`, which this use case does not permit",
            ]
        );
    }
}
