//! Networks on small hand-made extracts: large events become stars rather than cliques, ids are stable and
//! named by the smallest member, ties carry their events, and the GraphML parses with every attribute declared.

use std::path::Path;

use ndas::output::Format;

use super::common;

/// Writes an extract: `events` as (id, text), `links` as (event, nominal, role); nominals N01.. with distinct
/// names so no two records merge.
fn write_extract(
    dir: &Path,
    events: &[(&str, &str)],
    links: &[(&str, &str, &str)],
    nominals: usize,
) {
    std::fs::create_dir_all(dir).unwrap();
    let mut text = String::from("event_id,source,force,occurred_on,offence,text\n");
    for (i, (id, body)) in events.iter().enumerate() {
        text.push_str(&format!(
            "{id},intelligence,west_midlands,2025-03-{:02},,\"{body}\"\n",
            i + 1
        ));
    }
    std::fs::write(dir.join("events.csv"), text).unwrap();
    const FORENAMES: &[&str] = &[
        "Aaron", "Bella", "Connor", "Dylan", "Erin", "Farah", "Gavin", "Hollie", "Imran", "Jade",
        "Kyle", "Lacey", "Mason", "Nadia", "Owen", "Poppy", "Quinn", "Reece", "Saira", "Tyler",
    ];
    const SURNAMES: &[&str] = &[
        "Adams", "Begum", "Carter", "Doyle", "Evans", "Fisher", "Grant", "Hussain", "Irwin",
        "Jackson", "Kowalski", "Lloyd", "Mahmood", "Nolan", "Okafor", "Price", "Quigley", "Rahman",
        "Shaw", "Turner",
    ];
    let mut text = String::from("nominal_id,forename,surname,dob,sex,ethnicity,postcode,force\n");
    for n in 1..=nominals {
        text.push_str(&format!(
            "N{n:02},{},{},19{:02}-0{}-1{},M,Not stated,,west_midlands\n",
            FORENAMES[(n - 1) % FORENAMES.len()],
            SURNAMES[(n * 7) % SURNAMES.len()],
            60 + n,
            1 + n % 9,
            n % 10
        ));
    }
    std::fs::write(dir.join("nominals.csv"), text).unwrap();
    let mut text = String::from("event_id,nominal_id,role\n");
    for (e, n, r) in links {
        text.push_str(&format!("{e},{n},{r}\n"));
    }
    std::fs::write(dir.join("links.csv"), text).unwrap();
}

const FLAGGED: &str = "Intelligence that the address is a trap house used by a county lines deal line; children are running drugs.";

#[test]
fn a_large_event_is_a_star_not_a_clique() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("extract");
    let out = dir.path().join("out");
    // E1: twelve people at a flagged party (over max_event_size 10); E2: three of them in a small flagged event.
    let mut links: Vec<(String, String, String)> = (1..=12)
        .map(|n| ("E1".to_string(), format!("N{n:02}"), "subject".to_string()))
        .collect();
    for n in [1, 2, 3] {
        links.push(("E2".into(), format!("N{n:02}"), "suspect".into()));
    }
    let links: Vec<(&str, &str, &str)> = links
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    write_extract(&data, &[("E1", FLAGGED), ("E2", FLAGGED)], &links, 12);
    common::run(&common::repo(), &data, &out, Format::Csv);

    let edges = common::rows(&out.join("edges.csv"));
    let star: Vec<_> = edges
        .iter()
        .filter(|e| e["kind"] == "large_event")
        .collect();
    assert_eq!(star.len(), 12, "each of the 12 is tied to the event, once");
    assert!(
        star.iter()
            .all(|e| e["target"] == "event:E1" || e["source"] == "event:E1")
    );
    let weight: f64 = star[0]["weight"].parse().unwrap();
    assert!(
        (weight - 1.0 / 11.0).abs() < 1e-6,
        "weight 1/(k-1), got {weight}"
    );
    let pairs: Vec<_> = edges.iter().filter(|e| e["kind"] == "event").collect();
    assert_eq!(
        pairs.len(),
        3,
        "only the small event ties pairs: {pairs:#?}"
    );
    for pair in &pairs {
        assert_eq!(pair["events"], "E2");
        assert!((pair["weight"].parse::<f64>().unwrap() - 0.5).abs() < 1e-9);
    }

    let networks = common::rows(&out.join("networks.csv"));
    assert_eq!(networks.len(), 1);
    assert_eq!(
        networks[0]["network_id"], "NET-N01",
        "named by its smallest person"
    );
    assert_eq!(networks[0]["size"], "12");
    assert_eq!(networks[0]["flagged_events"], "2");

    // The hub of the star is the most central node; among people, the three tied twice lead.
    let members = common::rows(&out.join("network_members.csv"));
    assert_eq!(members.len(), 12);
    let betweenness = |id: &str| -> f64 {
        members.iter().find(|m| m["person_id"] == id).unwrap()["betweenness"]
            .parse()
            .unwrap()
    };
    assert!(betweenness("P-N01") >= betweenness("P-N12"));

    // Stable: a second run gives the same ids and tables.
    let again = dir.path().join("again");
    common::run(&common::repo(), &data, &again, Format::Csv);
    for table in ["networks.csv", "network_members.csv", "edges.csv"] {
        assert_eq!(
            std::fs::read_to_string(out.join(table)).unwrap(),
            std::fs::read_to_string(again.join(table)).unwrap(),
            "{table}"
        );
    }
}

#[test]
fn networks_below_the_minimum_size_are_not_reported_and_components_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("extract");
    let out = dir.path().join("out");
    let links = [
        ("E1", "N01", "suspect"),
        ("E1", "N02", "suspect"),
        ("E1", "N03", "victim"),
        ("E2", "N04", "suspect"),
        ("E2", "N05", "victim"),
        // A witness is not tied to anyone, and a reporter is not scored.
        ("E1", "N06", "witness"),
        ("E2", "N07", "reporter"),
    ];
    write_extract(&data, &[("E1", FLAGGED), ("E2", FLAGGED)], &links, 7);
    common::run(&common::repo(), &data, &out, Format::Csv);
    let networks = common::rows(&out.join("networks.csv"));
    assert_eq!(networks.len(), 1, "the pair N04-N05 is below min_size 3");
    assert_eq!(networks[0]["network_id"], "NET-N01");
    let members: Vec<String> = common::rows(&out.join("network_members.csv"))
        .into_iter()
        .map(|m| m["person_id"].clone())
        .collect();
    assert_eq!(members, ["P-N01", "P-N02", "P-N03"]);
    let people: Vec<String> = common::rows(&out.join("people.csv"))
        .into_iter()
        .map(|p| p["person_id"].clone())
        .collect();
    assert!(
        !people.contains(&"P-N07".to_string()),
        "reporters are not scored"
    );
    assert!(
        !people.contains(&"P-N06".to_string()),
        "witnesses are not scored"
    );
}

#[test]
fn graphml_parses_with_every_attribute_declared() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("extract");
    let out = dir.path().join("out");
    let links = [
        ("E1", "N01", "suspect"),
        ("E1", "N02", "suspect"),
        ("E2", "N02", "suspect"),
        ("E2", "N03", "victim"),
    ];
    write_extract(
        &data,
        &[
            ("E1", FLAGGED),
            (
                "E2",
                "Intel: \"Z & <K>\" line; county lines running from the trap house",
            ),
        ],
        &links,
        3,
    );
    common::run(&common::repo(), &data, &out, Format::Csv);
    let text = std::fs::read_to_string(out.join("networks/NET-N01.graphml")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("GraphML is well-formed XML");
    let keys: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("key"))
        .map(|n| n.attribute("id").unwrap())
        .collect();
    let nodes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .collect();
    let edges: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .collect();
    assert_eq!(nodes.len(), 3);
    assert_eq!(edges.len(), 2);
    let ids: Vec<&str> = nodes.iter().map(|n| n.attribute("id").unwrap()).collect();
    for edge in &edges {
        assert!(ids.contains(&edge.attribute("source").unwrap()));
        assert!(ids.contains(&edge.attribute("target").unwrap()));
    }
    for data in doc.descendants().filter(|n| n.has_tag_name("data")) {
        assert!(
            keys.contains(&data.attribute("key").unwrap()),
            "undeclared key"
        );
    }
    for wanted in [
        "involvement",
        "hierarchy",
        "degree",
        "betweenness",
        "closeness",
        "eigenvector",
        "weight",
        "events",
    ] {
        assert!(keys.contains(&wanted), "{wanted} declared");
    }
    assert!(out.join("networks/NET-N01.svg").is_file());
}
