"""Writes Plenary's generated content as a Zola site's content (benches/build.sh).

Zola accepts only its own keys at the top of the front matter, so `title` stays
there, the adoption date becomes `date`, and every other field moves under
`[extra]` (tables too: `[[agenda_items]]` becomes `[[extra.agenda_items]]`). The
Markdown body is copied unchanged. Each directory gets a transparent `_index.md`,
so that the home page lists every resolution, as Hugo's does.

    python3 benches/zola/site.py SRC_CONTENT DEST_CONTENT
"""
import os
import re
import sys


def convert(text):
    if not text.startswith("+++\n"):
        return text
    end = text.index("\n+++\n", 4)
    front, body = text[4:end].split("\n"), text[end + 5:]
    top, extra, tables = [], [], False
    for line in front:
        header = re.match(r"^(\[\[?)([^\]]+)(\]\]?)\s*$", line)
        if header:
            tables = True
            extra.append(f"{header.group(1)}extra.{header.group(2)}{header.group(3)}")
        elif not tables and line.startswith("title ="):
            top.append(line)
        elif not tables and line.startswith("adopted ="):
            top.append("date" + line[len("adopted"):])
            extra.append(line)
        else:
            extra.append(line)
    return "+++\n" + "\n".join(top + ["[extra]"] + extra) + "\n+++\n" + body


def main(src, dest):
    for root, dirs, files in os.walk(src):
        dirs.sort()
        out = os.path.join(dest, os.path.relpath(root, src))
        os.makedirs(out, exist_ok=True)
        top = os.path.samefile(root, src)
        with open(os.path.join(out, "_index.md"), "w") as f:
            title = "Generated collection" if top else os.path.relpath(root, src)
            f.write(f'+++\ntitle = "{title}"\nsort_by = "date"\n{"" if top else "transparent = true"}\n+++\n')
        for name in sorted(files):
            if name.endswith(".md") and not name.endswith(".notes.md"):
                with open(os.path.join(root, name)) as f:
                    text = f.read()
                with open(os.path.join(out, name), "w") as f:
                    f.write(convert(text))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
