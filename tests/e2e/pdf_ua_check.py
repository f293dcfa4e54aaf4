#!/usr/bin/env python3
"""pdf_ua_check.py: checks the PDF/UA-1 essentials of one PDF with pikepdf
(used by pdf_accessibility.sh; not a full validator such as veraPDF).

    pdf_ua_check.py FILE.pdf [--alt ALT.txt] [--split-table]

Prints one line per problem and exits 1 when there is any. Checks: every
text-showing and painting operator inside marked content that belongs to a
structure element (MCID found in the ParentTree) or to an /Artifact; every
Figure has /Alt (equal to ALT.txt when given); every Link annotation has a
/Dest or /A, /Contents and a StructParent, and its Link element holds text;
lists are L > LI > Lbl + LBody; TH has /Scope; every Table starts with a
header row; headings start at H1, never skip a level and follow the
outline (each outline entry a heading of its depth on its page); the
catalog has /MarkInfo /Marked true, /Lang, DisplayDocTitle and an XMP
stream with dc:title, dc:language and pdfuaid:part 1; pages with
annotations have /Tabs /S. With --split-table, some Table must span two
pages (a table split over a page break stays one Table). Counts of what
was checked go to stderr."""
import sys
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Name

TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "INLINE IMAGE", "BI"}

problems = []


def problem(msg):
    problems.append(msg)


def name_of(o):
    return str(o)[1:] if isinstance(o, Name) else str(o)


def page_mcids(pdf, parent_tree):
    """Check every page's content; return {(page objgen, mcid): has_text}."""
    seen = {}
    for pno, page in enumerate(pdf.pages, 1):
        sp = page.obj.get("/StructParents")
        arr = parent_tree.get(int(sp)) if sp is not None else None
        stack = []
        bad = 0
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op in ("BDC", "BMC"):
                tag = name_of(operands[0])
                mcid = None
                if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                    m = operands[1].get("/MCID")
                    mcid = int(m) if m is not None else None
                stack.append((tag, mcid))
                if mcid is not None:
                    seen.setdefault((page.obj.objgen, mcid), False)
                    if tag == "Artifact":
                        problem(f"page {pno}: artifact with an MCID {mcid}")
                    elif arr is None or mcid >= len(arr) or not isinstance(arr[mcid], pikepdf.Dictionary):
                        problem(f"page {pno}: MCID {mcid} not in the ParentTree")
            elif op == "EMC":
                if not stack:
                    problem(f"page {pno}: EMC without BDC")
                else:
                    stack.pop()
            elif op in TEXT_OPS or op in PAINT_OPS:
                owner = next((s for s in reversed(stack) if s[0] == "Artifact" or s[1] is not None), None)
                if owner is None:
                    bad += 1
                elif op in TEXT_OPS and owner[1] is not None:
                    seen[(page.obj.objgen, owner[1])] = True
        if bad:
            problem(f"page {pno}: {bad} text or painting operators outside tagged content and artifacts")
        if stack:
            problem(f"page {pno}: marked content left open")
    return seen


def parent_tree_map(root):
    """/ParentTree number tree (cairo writes a flat /Nums) -> {key: value}."""
    out = {}

    def walk(node):
        nums = node.get("/Nums")
        if nums is not None:
            for i in range(0, len(nums), 2):
                out[int(nums[i])] = nums[i + 1]
        for k in node.get("/Kids", []):
            walk(k)

    pt = root.get("/ParentTree")
    if pt is not None:
        walk(pt)
    return out


def attrs_of(elem):
    a = elem.get("/A")
    if a is None:
        return []
    return list(a) if isinstance(a, pikepdf.Array) else [a]


def elements(root):
    """Structure elements in document order: (elem, parent elem or None, depth)."""
    out = []

    def walk(node, parent):
        kids = node.get("/K")
        if kids is None:
            return
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for k in kids:
            if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                out.append((k, parent))
                walk(k, k)

    walk(root, None)
    return out


def kid_list(e):
    k = e.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def struct_kids(e):
    return [k for k in kid_list(e) if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def mcids_of(e, page):
    """(page objgen, mcid) of e's marked content, including its descendants'."""
    out = []
    for k in kid_list(e):
        if isinstance(k, int):
            pg = e.get("/Pg", page)
            out.append((pg.objgen if pg is not None else None, int(k)))
        elif isinstance(k, pikepdf.Dictionary):
            t = k.get("/Type")
            if t == Name.MCR:
                pg = k.get("/Pg", e.get("/Pg", page))
                out.append((pg.objgen if pg is not None else None, int(k.MCID)))
            elif "/S" in k:
                out.extend(mcids_of(k, e.get("/Pg", page)))
    return out


def outline_entries(pdf):
    out = []
    with pdf.open_outline() as ol:
        def walk(items, depth):
            for it in items:
                out.append((it.title, depth, it))
                walk(it.children, depth + 1)
        walk(ol.root, 1)
    return out


def dest_page(pdf, item):
    d = item.destination
    if d is None and item.action is not None:
        d = item.action.get("/D")
    if isinstance(d, (pikepdf.String, Name)):
        d = resolve_named(pdf, d)
    if isinstance(d, pikepdf.Array) and len(d):
        return d[0].objgen
    return None


def resolve_named(pdf, n):
    key = str(n) if isinstance(n, pikepdf.String) else name_of(n)
    names = pdf.Root.get("/Names")
    tree = names.get("/Dests") if names is not None else None
    if tree is None:
        dests = pdf.Root.get("/Dests")
        v = dests.get("/" + key) if dests is not None else None
    else:
        v = pikepdf.NameTree(tree).get(key)
    if isinstance(v, pikepdf.Dictionary):
        v = v.get("/D")
    return v


def check(path, alt_path=None, split_table=False):
    pdf = pikepdf.open(path)
    root = pdf.Root
    # catalog
    if not (root.get("/MarkInfo") and root.MarkInfo.get("/Marked") is True):
        problem("catalog: no /MarkInfo << /Marked true >>")
    if not str(root.get("/Lang", "")):
        problem("catalog: no /Lang")
    vp = root.get("/ViewerPreferences")
    if not (vp and vp.get("/DisplayDocTitle") is True):
        problem("catalog: DisplayDocTitle is not true")
    if "/Metadata" not in root:
        problem("catalog: no XMP metadata stream")
    else:
        xmp = ET.fromstring(root.Metadata.read_bytes())
        rdf = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
        dc = "{http://purl.org/dc/elements/1.1/}"
        for tag in ("title", "language"):
            items = [li.text for e in xmp.iter(dc + tag) for li in e.iter(f"{rdf}li")]
            if not items or not items[0]:
                problem(f"XMP: no dc:{tag}")
        part = [e.text for e in xmp.iter("{http://www.aiim.org/pdfua/ns/id/}part")]
        if part != ["1"]:
            problem("XMP: pdfuaid:part is not 1")
    st = root.get("/StructTreeRoot")
    if st is None:
        problem("no structure tree")
        return
    ptree = parent_tree_map(st)
    with_text = page_mcids(pdf, ptree)
    elems = elements(st)

    # annotations: destination, /Contents, in the structure, tab order
    for pno, page in enumerate(pdf.pages, 1):
        annots = page.obj.get("/Annots")
        if not annots:
            continue
        if page.obj.get("/Tabs") != Name.S:
            problem(f"page {pno}: annotations but no /Tabs /S")
        for a in annots:
            if a.get("/Subtype") != Name.Link:
                continue
            if "/Dest" not in a and "/A" not in a:
                problem(f"page {pno}: a link with neither /Dest nor /A")
            d = a.get("/Dest")
            if isinstance(d, (pikepdf.String, Name)):
                d = resolve_named(pdf, d)
            if "/Dest" in a and not (isinstance(d, pikepdf.Array) and len(d) and
                                     isinstance(d[0], pikepdf.Dictionary)):
                problem(f"page {pno}: a link whose destination goes nowhere")
            if "/A" in a and a.A.get("/S") == Name.GoTo and "/D" not in a.A:
                problem(f"page {pno}: a GoTo link without /D")
            if not str(a.get("/Contents", "")):
                problem(f"page {pno}: a link without /Contents")
            if "/StructParent" not in a:
                problem(f"page {pno}: a link outside the structure tree")

    alt_want = None
    if alt_path:
        with open(alt_path, encoding="utf-8") as f:
            alt_want = f.read().strip()
    n = {"Figure": 0, "Link": 0, "L": 0, "TH": 0, "Table": 0}
    headings = []
    table_pages = []
    for e, parent in elems:
        s = name_of(e.S)
        ps = name_of(parent.S) if parent is not None else None
        if s in n:
            n[s] += 1
        if s == "Artifact":
            problem("an Artifact element in the structure tree")
        if s == "Figure":
            alt = str(e.get("/Alt", ""))
            if not alt:
                problem("a Figure without /Alt")
            elif alt_want is not None and alt != alt_want:
                problem(f"Figure /Alt is not the chart's alt text: {alt[:60]!r}")
        elif s == "Link":
            objr = [k for k in kid_list(e) if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == Name.OBJR]
            if not objr:
                problem("a Link element without its annotation (OBJR)")
            if not any(with_text.get(m) for m in mcids_of(e, e.get("/Pg"))):
                problem("a Link element that holds no text")
        elif s == "LI" and ps != "L":
            problem(f"LI inside {ps}, not L")
        elif s in ("Lbl", "LBody") and ps != "LI":
            problem(f"{s} inside {ps}, not LI")
        elif s == "L":
            kinds = [name_of(k.S) for k in struct_kids(e)]
            if not kinds or any(k not in ("LI", "Caption") for k in kinds):
                problem(f"L holds {kinds}, not LI items")
        if s == "LI":
            kinds = [name_of(k.S) for k in struct_kids(e)]
            if "LBody" not in kinds:
                problem(f"LI holds {kinds}, no LBody")
        if s == "TH":
            scope = [a.get("/Scope") for a in attrs_of(e) if "/Scope" in a]
            if not scope or scope[0] not in (Name.Row, Name.Column, Name.Both):
                problem("TH without /Scope")
        if s == "Table":
            rows = []
            for k in struct_kids(e):
                ks = name_of(k.S)
                if ks == "TR":
                    rows.append(k)
                elif ks in ("THead", "TBody", "TFoot"):
                    rows.extend(r for r in struct_kids(k) if name_of(r.S) == "TR")
            if not rows or any(name_of(c.S) != "TH" for c in struct_kids(rows[0])):
                problem("a Table whose first row is not a header row of TH cells")
            table_pages.append({m[0] for m in mcids_of(e, e.get("/Pg"))})
        if len(s) == 2 and s[0] == "H" and s[1].isdigit():
            pages = [m[0] for m in mcids_of(e, e.get("/Pg"))]
            headings.append((int(s[1]), pages[0] if pages else None))
        if s == "H":
            problem("an unnumbered H heading")
    if split_table and not any(len(p) > 1 for p in table_pages):
        problem("no Table element spans a page break")
    # headings: H1 first, no skipped level
    prev = 0
    for lvl, _ in headings:
        if lvl > prev + 1:
            problem(f"heading H{lvl} after H{prev}: a level skipped")
        prev = lvl
    # headings follow the outline: each entry, in order, is a heading of its
    # depth on the page it points at
    i = 0
    for title, depth, item in outline_entries(pdf):
        pg = dest_page(pdf, item)
        while i < len(headings) and not (headings[i][0] == depth and headings[i][1] == pg):
            i += 1
        if i == len(headings):
            problem(f"outline entry {title!r} (depth {depth}) has no H{depth} on its page, in order")
            break
        i += 1
    return n


def main():
    args = sys.argv[1:]
    alt = None
    if "--alt" in args:
        k = args.index("--alt")
        alt = args[k + 1]
        del args[k:k + 2]
    split = "--split-table" in args
    if split:
        args.remove("--split-table")
    path = args[0]
    n = check(path, alt, split)
    for p in problems:
        print(f"{path}: {p}")
    if n:
        print(f"{path}: " + ", ".join(f"{v} {k}" for k, v in n.items()), file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
