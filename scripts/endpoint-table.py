#!/usr/bin/env python3
"""Prints the Markdown table "endpoint -> class" of docs/architecture.md from the controllers'
request-mapping annotations (run from the repository's top: python3 scripts/endpoint-table.py)."""
import pathlib
import re

MAPPING = re.compile(r'@(Get|Post|Put|Delete|Patch|Request)Mapping\s*(\((.*?)\))?\s*\n', re.S)
PATHS = re.compile(r'"([^"]*)"')
METHOD = re.compile(r'RequestMethod\.(\w+)')

rows = []
for source in sorted(pathlib.Path('src/main/java/vn/vanthu').rglob('*.java')):
    text = source.read_text(encoding='utf-8')
    if '@RestController' not in text and '@Controller' not in text:
        continue
    module = source.parent.name
    cls = source.stem
    class_decl = re.search(r'\n(public\s+)?(final\s+)?class\s', text)
    prefix = ['']
    head = text[:class_decl.start()] if class_decl else ''
    m = re.search(r'@RequestMapping\s*\((.*?)\)', head, re.S)
    if m:
        prefix = PATHS.findall(m.group(1)) or ['']
    body = text[class_decl.start():] if class_decl else text
    for m in MAPPING.finditer(body):
        verb = m.group(1).upper()
        args = m.group(3) or ''
        if verb == 'REQUEST':
            verbs = METHOD.findall(args) or ['ANY']
        else:
            verbs = [verb]
        spec = args.split('produces')[0].split('consumes')[0]
        paths = PATHS.findall(spec)
        if '+' in spec and '{' not in spec:  # a constant and a literal joined: PATH + "/da-doc"
            joined = ''
            for part in (x.strip() for x in spec.split('+')):
                c = re.search(r'static final String ' + part + r'\s*=\s*"([^"]*)"', text)
                joined += part.strip('"') if part.startswith('"') else (c.group(1) if c else '')
            paths = [joined]
        if not paths:  # a constant: static final String PATH = "/..."
            for name in re.findall(r'\b([A-Z][A-Z_]+)\b', spec):
                c = re.search(r'static final String ' + name + r'\s*=\s*"([^"]*)"', text)
                if c:
                    paths.append(c.group(1))
        paths = paths or ['']
        for p in prefix:
            for path in paths:
                for v in verbs:
                    rows.append((p + path or '/', v, module, cls))

print('| path | method | module | class |')
print('|---|---|---|---|')
for path, verb, module, cls in sorted(set(rows)):
    print(f'| `{path}` | {verb} | `{module}` | `{cls}` |')
