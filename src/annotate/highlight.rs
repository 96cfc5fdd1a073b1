//! Code highlighting with syntect: code blocks in annotations and the highlighted
//! Markdown source of each resolution.
//!
//! **In**: source text and a language name as written after a code fence (`json`,
//! `xml`, `toml`, `sql`, `sh`, `markdown`, …). **Out**: HTML whose tokens are
//! `<span class="hl-…">` (class-based, no inline styles), and [`css`], the stylesheet
//! for those classes generated at build time from a light and a dark theme (the dark
//! one under `prefers-color-scheme: dark`). syntect's default syntaxes have no TOML,
//! so `syntaxes/TOML.sublime-syntax` is compiled into the binary and added to them.
//! Nothing here panics: an unknown language or a syntax failure gives `None`, and the
//! caller shows the code unhighlighted.

use std::sync::LazyLock;
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxDefinition, SyntaxReference, SyntaxSet, SyntaxSetBuilder};
use syntect::util::LinesWithEndings;

/// Prefix of every highlighting class (`hl-keyword`, `hl-string`, and `hl-code` on
/// the `<pre>` for the theme's background and foreground).
pub const CLASS_PREFIX: &str = "hl-";
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: CLASS_PREFIX };
/// Class of the `<pre>` around highlighted code (the theme's colours).
pub const PRE_CLASS: &str = "hl-code";
/// The stylesheet's name under static/ in the site.
pub const CSS_FILE: &str = "highlight.css";
pub const LIGHT_THEME: &str = "InspiredGitHub";
pub const DARK_THEME: &str = "base16-ocean.dark";

const TOML_SYNTAX: &str = include_str!("../../syntaxes/TOML.sublime-syntax");
const PLENARY_MARKDOWN_SYNTAX: &str = include_str!("../../syntaxes/PlenaryMarkdown.sublime-syntax");
/// The language name of the structured Markdown body (docs/format.md).
pub const PLENARY_MARKDOWN: &str = "plenary-markdown";

/// syntect's own syntaxes, from its precompiled dump (fast to load).
static DEFAULTS: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// The syntaxes Plenary adds, compiled on their own: rebuilding the default set with
/// them would cost a third of a second per build.
static EXTRAS: LazyLock<SyntaxSet> = LazyLock::new(|| {
    let mut builder = SyntaxSetBuilder::new();
    // Tested in this module; were one ever broken, its language would just stay plain.
    for (name, src) in [("TOML", TOML_SYNTAX), ("Plenary Markdown", PLENARY_MARKDOWN_SYNTAX)] {
        if let Ok(syntax) = SyntaxDefinition::load_from_str(src, true, Some(name)) {
            builder.add(syntax);
        }
    }
    builder.build()
});

/// The syntax for a code fence's language name, and the set it belongs to.
fn syntax_for(lang: &str) -> Option<(&'static SyntaxReference, &'static SyntaxSet)> {
    let lang = lang.trim().to_ascii_lowercase();
    let (defaults, extras) = (&*DEFAULTS, &*EXTRAS);
    let found = match lang.as_str() {
        "" => None,
        "sh" | "shell" | "bash" | "zsh" | "console" | "shell-session" => defaults.find_syntax_by_extension("sh"),
        "xml" | "akn" | "akoma-ntoso" => defaults.find_syntax_by_extension("xml"),
        "md" | "markdown" => defaults.find_syntax_by_extension("md"),
        "json" => defaults.find_syntax_by_extension("json"),
        "toml" => return extras.find_syntax_by_name("TOML").map(|s| (s, extras)),
        PLENARY_MARKDOWN => return extras.find_syntax_by_name("Plenary Markdown").map(|s| (s, extras)),
        other => defaults.find_syntax_by_token(other),
    };
    found.map(|s| (s, defaults))
}

/// Whether `lang` is a language this build highlights.
pub fn knows(lang: &str) -> bool {
    syntax_for(lang).is_some()
}

/// `code` as highlighted HTML (spans only, no `<pre>`), or `None` when the language
/// is unknown or the syntax fails on the input.
pub fn highlight(code: &str, lang: &str) -> Option<String> {
    let (syntax, set) = syntax_for(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
    for line in LinesWithEndings::from(code) {
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(generator.finalize())
}

/// A complete `<pre><code>` block: highlighted when the language is known, the
/// escaped text otherwise. `lang` also goes into `class="language-…"`.
pub fn code_block(code: &str, lang: &str) -> String {
    let lang_class: String =
        lang.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+')).take(32).collect();
    let code_attr = if lang_class.is_empty() { String::new() } else { format!(" class=\"language-{lang_class}\"") };
    match highlight(code, lang) {
        Some(html) => format!("<pre class=\"{PRE_CLASS}\"><code{code_attr}>{html}</code></pre>\n"),
        None => {
            format!("<pre class=\"plain-code\"><code{code_attr}>{}</code></pre>\n", crate::render::html::escape(code))
        }
    }
}

/// The stylesheet for the highlighting classes: the light theme, then the dark one
/// inside `@media (prefers-color-scheme: dark)`. The same on every build.
pub fn css() -> String {
    let themes = ThemeSet::load_defaults();
    let theme_css = |name: &str| {
        themes
            .themes
            .get(name)
            .map(readable)
            .and_then(|t| css_for_theme_with_class_style(&t, STYLE).ok())
            .unwrap_or_else(|| format!("/* theme {name} is not available */\n"))
    };
    let dark: String = theme_css(DARK_THEME).lines().map(|l| format!("  {l}\n")).collect();
    format!(
        "/* Code highlighting, generated by Plenary from the syntect themes {LIGHT_THEME} (light) and \
         {DARK_THEME} (dark). Override it with static/{CSS_FILE} in your site. */\n{}\n\
         @media (prefers-color-scheme: dark) {{\n{dark}}}\n",
        theme_css(LIGHT_THEME)
    )
}

/// The theme with every foreground colour moved towards black (light themes) or
/// white (dark themes) until it has a contrast of at least 4.5:1 with the theme's
/// background, as WCAG 2.1 AA asks of text.
fn readable(theme: &syntect::highlighting::Theme) -> syntect::highlighting::Theme {
    use syntect::highlighting::Color;
    let mut theme = theme.clone();
    let background = theme.settings.background.unwrap_or(Color::WHITE);
    let dark_background = luminance(background) < 0.5;
    let fix = |c: &mut Color| {
        for _ in 0..64 {
            if contrast(*c, background) >= 4.6 {
                break;
            }
            let step = |v: u8| if dark_background { v.saturating_add(8) } else { v.saturating_sub(8) };
            *c = Color { r: step(c.r), g: step(c.g), b: step(c.b), a: c.a };
        }
    };
    if let Some(c) = theme.settings.foreground.as_mut() {
        fix(c);
    }
    for item in &mut theme.scopes {
        if let Some(c) = item.style.foreground.as_mut() {
            fix(c);
        }
    }
    theme
}

fn luminance(c: syntect::highlighting::Color) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

fn contrast(a: syntect::highlighting::Color, b: syntect::highlighting::Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_colour_is_readable() {
        for name in [LIGHT_THEME, DARK_THEME] {
            let theme = readable(&ThemeSet::load_defaults().themes[name]);
            let bg = theme.settings.background.unwrap_or(syntect::highlighting::Color::WHITE);
            for item in &theme.scopes {
                if let Some(c) = item.style.foreground {
                    assert!(contrast(c, bg) >= 4.5, "{name}: {c:?} on {bg:?}");
                }
            }
        }
    }

    #[test]
    fn own_syntaxes_load() {
        assert!(SyntaxDefinition::load_from_str(TOML_SYNTAX, true, Some("TOML")).is_ok());
        assert!(SyntaxDefinition::load_from_str(PLENARY_MARKDOWN_SYNTAX, true, Some("Plenary Markdown")).is_ok());
        assert!(knows("toml") && knows(PLENARY_MARKDOWN));
    }

    #[test]
    fn structured_markdown_is_highlighted() {
        let md = "## II. Title {#sec-II}\n\n{#II-op5} 5. *Calls upon* all \\[States\\][^3] **now**\n\n{#op7a} (a) Text\n\n[^3]: Note.\n";
        let html = highlight(md, PLENARY_MARKDOWN).unwrap();
        for class in [
            "hl-markup hl-heading",
            "hl-entity hl-name hl-tag hl-anchor",
            "hl-constant hl-numeric hl-label",
            "hl-markup hl-italic",
            "hl-markup hl-bold",
            "hl-constant hl-other hl-footnote",
            "hl-constant hl-character hl-escape",
        ] {
            assert!(html.contains(class), "no {class} in {html}");
        }
        assert!(html.contains(">(a)</span>"), "{html}");
    }

    #[test]
    fn required_languages_are_highlighted() {
        let samples = [
            ("xml", "<akomaNtoso><paragraph eId=\"para_1\"/></akomaNtoso>\n", "hl-entity"),
            ("json", "{\"kind\": \"paragraph\", \"id\": \"op1\", \"n\": 1}\n", "hl-string"),
            ("toml", "[meta]\nsymbol = \"A/RES/61/183\" # comment\nyear = 2006\n", "hl-string"),
            ("sql", "SELECT id FROM paragraphs WHERE kind = 'operative';\n", "hl-keyword"),
            ("sh", "plenary build --root my-site # build it\n", "hl-comment"),
            ("shell", "cargo run --release -- build\n", "hl-source"),
        ];
        for (lang, code, class) in samples {
            let html = highlight(code, lang).unwrap_or_else(|| panic!("{lang} is not highlighted"));
            assert!(html.contains(class), "{lang}: no {class} in {html}");
        }
        let toml = highlight("symbol = \"x\"\nadopted = 2006-12-20\n", "toml").unwrap();
        assert!(toml.contains("hl-entity hl-name hl-tag"), "{toml}");
        assert!(toml.contains("hl-constant hl-other hl-datetime"), "{toml}");
    }

    #[test]
    fn toml_words_like_values_in_keys_stay_keys() {
        // The boolean and inf/nan rules have no word boundaries: keys must still win.
        let toml = highlight(
            "trueish = true
info = -inf
nan_count = [false, nan]
",
            "toml",
        )
        .unwrap();
        let spans = |class: &str| -> Vec<&str> {
            let open = format!("<span class=\"{class}\">");
            toml.match_indices(&open)
                .map(|(i, _)| &toml[i + open.len()..][..toml[i + open.len()..].find('<').unwrap()])
                .collect()
        };
        assert_eq!(spans("hl-entity hl-name hl-tag hl-key hl-toml"), ["trueish", "info", "nan_count"], "{toml}");
        assert_eq!(spans("hl-constant hl-language hl-boolean hl-toml"), ["true", "false"], "{toml}");
        assert_eq!(spans("hl-constant hl-numeric hl-toml"), ["-inf", "nan"], "{toml}");
    }

    #[test]
    fn unknown_languages_stay_plain_and_escaped() {
        assert_eq!(highlight("x", "no-such-language"), None);
        let block = code_block("<script>", "no-such-language");
        assert!(block.contains("&lt;script&gt;") && !block.contains("<script>"), "{block}");
        let block = code_block("<b>", "xml\" onclick=\"x");
        assert!(!block.contains("onclick=\""), "{block}");
    }

    #[test]
    fn css_has_light_and_dark_rules() {
        let css = css();
        assert!(css.contains(".hl-code"), "{css}");
        assert!(css.contains("@media (prefers-color-scheme: dark)"));
        assert_eq!(css, super::css());
    }
}
