//! The check's one-pass page reader (`check::scan`) against the full HTML parser
//! (`check::page`, html5ever): the same ids, duplicate ids, URLs and footnote
//! problems on every page of the bundled site, and on pages written to trip a
//! reader of tags (comments, raw text, unquoted and odd attributes, references,
//! implied ends, broken footnotes).

use plenary::check::{page, scan};
use plenary::link::Corpus;
use plenary::site::Site;
use std::path::PathBuf;

fn same(html: &str, what: &str) -> Result<(), String> {
    // html5ever parses as a browser with JavaScript, for which `noscript` holds
    // text; the check reads it as markup, as a reader without JavaScript meets it.
    let as_markup = html.replace("<noscript>", "").replace("</noscript>", "");
    let (fast, full) = (scan::scan(html), page::parse(&as_markup));
    let pairs = [
        ("ids", format!("{:?}", fast.ids), format!("{:?}", full.ids)),
        ("duplicate ids", format!("{:?}", fast.duplicate_ids), format!("{:?}", full.duplicate_ids)),
        ("urls", format!("{:?}", fast.urls), format!("{:?}", full.urls)),
        ("problems", format!("{:?}", fast.problems), format!("{:?}", full.problems)),
    ];
    for (field, a, b) in pairs {
        if a != b {
            return Err(format!("{what}: {field} differ\n scan: {a}\n html5ever: {b}"));
        }
    }
    Ok(())
}

#[test]
fn every_page_of_the_bundled_site_reads_the_same() {
    let site = Site::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR"))).unwrap();
    let rendered = plenary::render::render_site(&site, &Corpus::build(&site)).unwrap();
    let mut pages = 0;
    for (path, bytes) in &rendered.files {
        if path.ends_with(".html") {
            pages += 1;
            same(std::str::from_utf8(bytes).unwrap(), path).unwrap();
        }
    }
    assert!(pages > 100, "{pages}");
}

#[test]
fn pages_written_to_trip_it_read_the_same() {
    let cases = [
        // Comments, doctype, processing instruction, raw text that looks like tags.
        "<!DOCTYPE html><!-- <a href=\"x\" id=c> --><p id=a>t</p><script>if (a<b) '<a href=\"s\" id=s>'</script>\
         <style>a[id=\"q\"]{}</style><?php x ?><a href=\"y\">y</a>",
        // Attribute syntax: unquoted, single quotes, no value, upper case, spaces around =, duplicates.
        "<A HREF=a.html ID=x>1</A><a href = 'b.html' id = \"y\" id=z>2</a><input disabled id=w><a href=c.html#f?g>3</a>",
        // Character references in attributes and text.
        "<a href=\"p?a=1&amp;b=2#x&#45;y\" id=\"q&amp;r\">x</a><p id=\"&#x41;\">&nbsp;</p>",
        // Void elements and self-closing syntax on a non-void element.
        "<div id=d/><img src=i.png id=i><br id=b><p id=p>x</p></div>",
        // Implied ends: p closed by a block, li by li.
        "<p id=p1>one<div id=d1>two</div><ul><li id=l1>a<li id=l2>b</ul><p id=p2><p id=p3>x",
        // Footnotes: good, missing note, empty note, empty popover, no href, mark without sibling.
        "<p>t<sup class=fn><a class=fn-mark href=\"#fn1\" id=r1>1</a><span class=fn-pop hidden>One.</span></sup>\
         <sup class=fn><a class=\"x fn-mark\" href=\"#fn9\">9</a><span class=fn-pop>Nine.</span></sup>\
         <sup class=fn><a class=fn-mark href=\"#fn2\">2</a> <span class=\"fn-pop\"> </span></sup>\
         <sup class=fn><a class=fn-mark>3</a></sup><sup class=fn><a class=fn-mark href=\"#fn1\">1</a></sup>\
         <sup class=\"fn fn-missing\"> 4 </sup></p><ol><li id=fn1><p>One.</p></li><li id=fn2><span> </span></li></ol>",
        // A note whose text is only a nested element's, and a popover that is not the next element.
        "<p><a class=fn-mark href=\"#n\">5</a><em>x</em><span class=fn-pop></span></p><div id=n><p><b>N</b></p></div>",
        // Notes left empty by implied ends: the text belongs to the next element.
        "<p><a class=fn-mark href=\"#n\">6</a></p><p id=n><div>text</div>\
         <p><a class=fn-mark href=\"#m\">7</a></p><ul><li id=m><li>text</ul>",
        // Ids given to several elements: each duplicate listed once, in order of its second use.
        "<p id=d>a</p><p id=e>b</p><p id=e>c</p><p id=d>d</p><p id=d>e</p><p id=e>f</p><a href=\"#d\">g</a>",
        // Stray end tags, unclosed elements, a lone <, and an end tag with attributes.
        "</div><p id=a>a < b</span></p id=z><section id=s><a href=\"#a\">a",
    ];
    for (i, html) in cases.iter().enumerate() {
        same(html, &format!("case {i}")).unwrap();
    }
}
