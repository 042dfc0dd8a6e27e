//! scratch
use aho_corasick::*;
use std::time::Instant;
fn main() {
    let files = ndas::builtin::policy_files("organised_exploitation").unwrap();
    let policy = ndas::policy::compile(&files, chrono::NaiveDate::from_ymd_opt(2026,11,29).unwrap()).ok().unwrap().policy;
    let pats: Vec<String> = policy.terms.iter().filter(|t| t.kind==ndas::matcher::TermKind::Phrase).map(|t| ndas::matcher::normalise_phrase(&t.text)).collect();
    let ing = ndas::ingest::read_extract(std::path::Path::new("/tmp/s1")).ok().unwrap();
    let texts: Vec<String> = ing.extract.events.iter().map(|e| e.text.clone()).collect();
    let lower: Vec<String> = texts.iter().map(|t| t.to_ascii_lowercase()).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    for (name, ci, kind, mk) in [("dfa ci overlap", true, Some(AhoCorasickKind::DFA), MatchKind::Standard), ("dfa cs overlap", false, Some(AhoCorasickKind::DFA), MatchKind::Standard), ("dfa cs leftmost-longest", false, Some(AhoCorasickKind::DFA), MatchKind::LeftmostLongest), ("auto ci ll", true, None, MatchKind::LeftmostLongest), ("auto cs ll", false, None, MatchKind::LeftmostLongest)] {
        let ac = AhoCorasickBuilder::new().ascii_case_insensitive(ci).match_kind(mk).kind(kind).build(&pats).unwrap();
        let hay = if ci { &texts } else { &lower };
        let t = Instant::now(); let mut n = 0;
        for _ in 0..5 { for h in hay { if mk == MatchKind::Standard { n += ac.find_overlapping_iter(h.as_str()).count(); } else { n += ac.find_iter(h.as_str()).count(); } } }
        let s = t.elapsed().as_secs_f64();
        println!("{name}: {:.0} MB/s ({n})", 5.0*bytes as f64/s/1e6);
    }
    let t = Instant::now(); let mut n=0;
    for _ in 0..5 { for h in &texts { let l = h.to_ascii_lowercase(); n += l.len(); } }
    println!("lowercase copy: {:.0} MB/s", 5.0*bytes as f64/t.elapsed().as_secs_f64()/1e6);
    let t = Instant::now(); let mut n=0;
    for _ in 0..5 { for h in &texts { n += ndas::phone::scan(h).len(); } }
    println!("phone scan: {:.0} MB/s {n}", 5.0*bytes as f64/t.elapsed().as_secs_f64()/1e6);
}
