//! The administrative sentences that surround every narrative in real systems: how the report came in, who
//! attended, supervisor reviews, victim needs assessments, intelligence handling notes, custody reviews.
//!
//! They are added to ordinary and exploitation events alike, by source and with the same probabilities, so that
//! text length and layout say nothing about the label; they also bring narratives up to realistic lengths.

use super::model::Source;
use super::text::{Ctx, Text, expand};
use super::util::{Rng8, chance, pick};
use rand::Rng;

const CRIME_HEAD: &[&str] = &[
    "[Crime report|Report|Incident] [{crime}|] [received|logged] [via 101|via 999|online|at the front counter|via the online reporting portal] at {time}.",
    "[Initial|First] account [taken|obtained] by {pc} [by phone|in person|at scene].",
    "[Officers|Patrol] [attended|deployed] at {time} [as a Grade 1|as a Grade 2|by appointment|following a call from a member of the public].",
    "Summary of MO:",
];

const CRIME_TAIL: &[&str] = &[
    "Scene [photographed|preserved|examined] by {pc}[ and {pcso}|].",
    "[Victim Needs Assessment|VNA] completed[ - enhanced service under VCOP| - standard service|]; [updates preferred by phone|updates preferred by email|IP wants to be updated monthly].",
    "[THRIVE|Risk] assessment: [low|medium|standard] risk[; not a repeat victim|; repeat victim - previous reports linked|].",
    "Hate crime qualifier: [no|none|N/A]. Vulnerable victim: [no|yes - age|no].",
    "[Supervisor review|Review] by {ps}: [proportionate investigation completed|actions set - CCTV, H2H, statement|agree filing decision|further enquiries required before filing].",
    "Actions: [1) CCTV 2) H2H 3) statement|obtain statement, view CCTV, PNC checks|PNC and Niche checks on named parties|ANPR and CCTV research].",
    "[Niche|Athena|PNC] checks [completed|conducted] on [all parties|the suspect|the address] - [nothing of note|previous incidents at the address|no trace].",
    "[Weather|Conditions]: [dry and clear|raining heavily|dark, street lighting working|overcast].",
    "OIC: {officer}. [Crime number provided to IP|Victim care letter sent|Victim Support referral declined].",
    "[Statement|MG11] [obtained from the IP|to be obtained|taken at scene by {pc}].",
    "[CCTV|Video] [enquiries|trawl] [completed - negative|allocated to {pcso}|outstanding].",
    "Update {date}: [no further information|IP contacted, no change|awaiting results|suspect still outstanding].",
];

const INTEL_HEAD: &[&str] = &[
    "[Intelligence report|Intel log|IR] [{crime}|] submitted by {officer}.",
    "[Source|Information] type: [member of the public|partner agency|police officer|CHIS|Crimestoppers].",
    "[SANITISED|Sanitised - do not disclose|Restricted]",
];

const INTEL_TAIL: &[&str] = &[
    "[Source|The source] [has provided reliable information in the past|is of untested reliability|is known to the police|is in a position to know].",
    "Intelligence is [current|about a week old|historic (over 3 months old)|ongoing].",
    "Research: subject [has previous for|has a PNC record for|is known for] [possession of drugs|theft|violence|driving offences|public order].",
    "Officer comment: [subject known to the neighbourhood team|no trace on systems for the vehicle|address known for previous calls|nothing further known].",
    "Action: [pass to Neighbourhood Team for awareness|task to proactive team|research only|for information of the LPT inspector|flag on address].",
    "[Dissemination|Handling]: [P - lawful sharing permitted|C - conditions apply|no onward dissemination without authority].",
    "[Linked to|Cross-reference] [previous intelligence|{crime}|recent reports in the area].",
];

const MISSING_TAIL: &[&str] = &[
    "[Reviewed|Risk reviewed] by {ps} at {time}[ - risk maintained| - risk unchanged| - no change].",
    "[Insp|Inspector] review completed.",
    "[Description|Desc]: [slim build|medium build|stocky], [approx 5'4\"|approx 5'8\"|approx 6ft|about 5ft 2], [wearing a black puffer jacket and grey joggers|wearing a school uniform|in a grey hoodie and trainers|in dark clothing].",
    "[Photo obtained|Recent photograph obtained] and [circulated to patrols|uploaded to the missing person record].",
    "[Closed|Report closed] by {ps}[; prevention plan to be reviewed|].",
    "[Bank|Phone] [checks|enquiries] [submitted|requested] by {pc}.",
];

const CUSTODY_TAIL: &[&str] = &[
    "[PACE clock|Relevant time] started {time}.",
    "[Review|PACE review] by Insp at {time2} - detention authorised.",
    "[Rights given|Rights and entitlements given] and [understood|signed for].",
    "DP [fit to detain|fit for interview] per HCP.",
    "[Property|Personal property] bagged and signed for.",
];

/// Investigation updates appended over the life of a crime record; long-running records accumulate several.
const UPDATES: &[&str] = &[
    "Update {later}: [IP contacted by phone, no further information|IP not answering, voicemail left|IP updated and happy with progress|IP no longer wishes to support].",
    "Update {later}: [CCTV viewed - offender not identifiable|CCTV viewed - shows the incident but faces obscured|CCTV overwritten before it could be seized].",
    "Update {later}: [forensic result received - no match|forensic submission rejected as low value|awaiting forensic results].",
    "Update {later}: [suspect circulated on PNC|suspect attended voluntary interview|suspect arrested, interviewed and released under investigation|file submitted to CPS|CPS request further evidence].",
    "Update {later}: [statement obtained from witness|witness no longer contactable|second witness identified via H2H].",
    "Update {later} ({officer}): [reviewed, all proportionate enquiries complete|handed over to new OIC|victim care contract updated].",
    "{ps} review {later}: [agree with OIC's actions|further actions set - obtain statement and chase CCTV|suitable for filing|consider Outcome 16 - victim does not support].",
];

/// Adds the surrounding administration to a narrative of this source.
pub(crate) fn pad(t: &mut Text, c: &Ctx<'_>, rng: &mut Rng8, source: Source) {
    let (head, tail, p_head, lo, hi): (&[&str], &[&str], f64, usize, usize) = match source {
        Source::Crime => (CRIME_HEAD, CRIME_TAIL, 0.45, 2, 6),
        Source::Intelligence => (INTEL_HEAD, INTEL_TAIL, 0.4, 1, 5),
        Source::MissingPerson => (&[], MISSING_TAIL, 0.0, 1, 4),
        Source::Custody => (&[], CUSTODY_TAIL, 0.0, 0, 2),
    };
    if !head.is_empty() && chance(rng, p_head) {
        let mut h = String::new();
        expand(pick(rng, head), c, rng, &mut h);
        let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
        t.prepend(rng, &h);
    }
    let n = rng.gen_range(lo..=hi);
    t.several(c, rng, n, tail);
    if source == Source::Crime && chance(rng, 0.3) {
        let n = if chance(rng, 0.7) {
            1
        } else {
            rng.gen_range(2..=4)
        };
        t.para(
            c,
            rng,
            &["Investigation log:", "UPDATES", "Updates:", "OIC log:"],
        );
        t.several(c, rng, n, UPDATES);
    }
}
