//! Policy faults: what `ndas check` and every loading command tell an SME about a broken or doubtful policy.
//! Each names the file (relative to the policy root), line, column and the term or rule involved, and renders
//! for a person with the offending line and a caret (miette), never as a Rust debug dump.

use std::fmt;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, NamedSource, SourceSpan};

use crate::yaml::{self, Location};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug)]
pub struct PolicyFault {
    pub severity: Severity,
    /// Path relative to the policy root.
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// What the fault is about, e.g. "term `LINE-0001`" or "script `classify.rhai`".
    pub subject: Option<String>,
    pub message: String,
    pub help: Option<String>,
    source_text: Option<Arc<str>>,
}

impl PolicyFault {
    pub fn error(file: &str, location: Location, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: file.to_string(),
            line: location.line.max(1),
            column: location.column.max(1),
            subject: None,
            message: message.into(),
            help: None,
            source_text: None,
        }
    }

    pub fn warning(file: &str, location: Location, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, location, message)
        }
    }

    pub fn about(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_source(mut self, source: &Arc<str>) -> Self {
        self.source_text = Some(Arc::clone(source));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The fault with the source line shown and the column marked, for a terminal or a log.
    pub fn render(&self, color: bool) -> String {
        let Some(source) = &self.source_text else {
            return self.to_string();
        };
        let offset = yaml::offset_of(
            source,
            Location {
                line: self.line,
                column: self.column,
            },
        );
        let length = source
            .get(offset..)
            .and_then(|rest| rest.lines().next())
            .map(|line| line.trim_end().len().max(1))
            .unwrap_or(1);
        let report = Rendered {
            headline: self.to_string(),
            source: NamedSource::new(&self.file, source.to_string()),
            span: SourceSpan::new(offset.into(), length),
            help: self.help.clone(),
            severity: self.severity,
        };
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let mut out = String::new();
        match GraphicalReportHandler::new_themed(theme)
            .with_context_lines(1)
            .render_report(&mut out, &report)
        {
            Ok(()) => out,
            Err(_) => self.to_string(),
        }
    }
}

impl fmt::Display for PolicyFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}: {}:{}:{}: ", self.file, self.line, self.column)?;
        if let Some(subject) = &self.subject {
            write!(f, "{subject}: ")?;
        }
        f.write_str(&self.message)
    }
}

#[derive(Debug)]
struct Rendered {
    headline: String,
    source: NamedSource<String>,
    span: SourceSpan,
    help: Option<String>,
    severity: Severity,
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline)
    }
}

impl std::error::Error for Rendered {}

impl miette::Diagnostic for Rendered {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_with_span(Some("here".to_string()), self.span),
        )))
    }
}
