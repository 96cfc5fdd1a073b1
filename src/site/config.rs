//! The site configuration, `plenary.toml` at the site root. Every key has a default,
//! so a site needs nothing but content/. Unknown keys are errors (a typo should not
//! be silently ignored); errors name the file, line and key.
//!
//! **In**: the site root. **Out**: a validated [`Config`].

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "plenary.toml";

/// The keys of `plenary.toml` (documented in docs/site.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Site title, shown in every page header and the home page.
    pub title: String,
    /// One-sentence description for the home page and `<meta name="description">`.
    pub description: String,
    /// Public URL of the site (`https://example.org/un/`); optional. Used only for
    /// canonical links and the 404 page: every other link is relative.
    pub base_url: String,
    /// Language of the pages (`lang` attribute), e.g. `en`.
    pub language: String,
    /// Where the Markdown sources are, relative to the site root.
    pub content_dir: PathBuf,
    /// Where the site is written, relative to the site root.
    pub output_dir: PathBuf,
    /// A resolution with at least this many paragraphs (or with sections or annexes)
    /// gets a contents list.
    pub contents_min_paragraphs: usize,
    /// Which files beside the pages the build writes (`[outputs]`).
    pub outputs: Outputs,
}

/// The files a build writes besides the pages of the resolutions, the listings and
/// the pages of cited works and series (`[outputs]` in `plenary.toml`; all on by
/// default). A large collection that does not need some of them builds faster
/// without them; the pages then do not link to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Outputs {
    /// `<symbol>/index.md`, the Markdown source as in content/.
    pub markdown: bool,
    /// `<symbol>/source.html`, the Markdown source highlighted.
    pub source: bool,
    /// `<symbol>/index.json`, the document model.
    pub json: bool,
    /// `<symbol>/akn.xml`, Akoma Ntoso.
    pub akn: bool,
    /// `series/compare/<older>--<newer>/`, two versions of a series side by side.
    pub comparisons: bool,
    /// `search/`, the search page and its index.
    pub search: bool,
}

impl Default for Outputs {
    fn default() -> Self {
        Outputs { markdown: true, source: true, json: true, akn: true, comparisons: true, search: true }
    }
}

impl Outputs {
    /// Files written per resolution: its page and each export that is on.
    pub fn files_per_resolution(&self) -> usize {
        1 + [self.markdown, self.source, self.json, self.akn].iter().filter(|&&on| on).count()
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "United Nations resolutions".into(),
            description: "Resolutions of the United Nations, paragraph by paragraph.".into(),
            base_url: String::new(),
            language: "en".into(),
            content_dir: PathBuf::from("content"),
            output_dir: PathBuf::from("public"),
            contents_min_paragraphs: 20,
            outputs: Outputs::default(),
        }
    }
}

impl Config {
    /// Reads `root/plenary.toml`, or the defaults when there is no such file.
    pub fn load(root: &Path) -> anyhow::Result<Config> {
        let path = root.join(FILE_NAME);
        let shown = super::display_path(root, Path::new(FILE_NAME));
        let src = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => anyhow::bail!("{}: cannot read: {e}", shown.display()),
        };
        Config::parse(&src).map_err(|(line, msg)| anyhow::anyhow!("{}:{line}: {msg}", shown.display()))
    }

    /// Parses and validates a config; errors are (1-based line, message).
    pub fn parse(src: &str) -> Result<Config, (usize, String)> {
        let mut config: Config = toml::from_str(src).map_err(|e| {
            let line = e.span().map(|s| src[..s.start.min(src.len())].matches('\n').count() + 1).unwrap_or(1);
            (line, e.message().to_string())
        })?;
        let line_of = |key: &str| src.lines().position(|l| l.trim_start().starts_with(key)).map(|i| i + 1).unwrap_or(1);
        if !config.base_url.is_empty() {
            let ok = (config.base_url.starts_with("https://") || config.base_url.starts_with("http://"))
                && !config.base_url.chars().any(|c| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\''));
            if !ok {
                return Err((line_of("base_url"), format!("base_url {:?} must be an http(s) URL", config.base_url)));
            }
            if !config.base_url.ends_with('/') {
                config.base_url.push('/');
            }
        }
        let lang_ok = !config.language.is_empty()
            && config
                .language
                .split('-')
                .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()));
        if !lang_ok {
            return Err((
                line_of("language"),
                format!("language {:?} is not a language tag such as `en` or `fr-CH`", config.language),
            ));
        }
        for (key, dir) in [("content_dir", &config.content_dir), ("output_dir", &config.output_dir)] {
            if dir.as_os_str().is_empty() {
                return Err((line_of(key), format!("{key} must not be empty")));
            }
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_errors() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
        let c = Config::parse("title = \"T\"\nbase_url = \"https://x.org/un\"\n").unwrap();
        assert_eq!(c.base_url, "https://x.org/un/");
        let (line, msg) = Config::parse("title = \"T\"\ntitel = \"x\"\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(msg.contains("titel"), "{msg}");
        assert_eq!(Config::parse("\nbase_url = \"javascript:alert(1)\"").unwrap_err().0, 2);
        assert!(Config::parse("language = \"en\\\"x\"").is_err());
    }

    #[test]
    fn outputs_default_on_and_can_be_turned_off() {
        let c = Config::parse("[outputs]\nakn = false\ncomparisons = false\n").unwrap();
        assert_eq!(c.outputs, Outputs { akn: false, comparisons: false, ..Outputs::default() });
        assert_eq!(c.outputs.files_per_resolution(), 4);
        assert_eq!(Config::default().outputs.files_per_resolution(), 5);
        let (line, msg) = Config::parse("title = \"T\"\n[outputs]\njason = false\n").unwrap_err();
        assert_eq!(line, 3);
        assert!(msg.contains("jason"), "{msg}");
    }
}
