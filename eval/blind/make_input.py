"""Join questions (with reference) and system answers (ask --batch --json lines) into grader input."""
import json, sys
qpath, apath, out = sys.argv[1:4]
qs = [json.loads(l) for l in open(qpath, encoding="utf-8") if l.strip()]
ans = [json.loads(l) for l in open(apath, encoding="utf-8") if l.strip()]
assert len(qs) == len(ans), (len(qs), len(ans))
with open(out, "w", encoding="utf-8") as f:
    for q, a in zip(qs, ans):
        assert q["question"] == a["query"], (q["question"], a["query"])
        row = {"id": q["id"], "kind": q.get("type") or q.get("kind"), "question": q["question"],
               "reference": q.get("reference"), "gold_spans": [g.get("span") for g in q.get("gold", [])],
               "key_phrase": q.get("key_phrase"),
               "system_answer": a["answer"], "system_declined": a["refused"],
               "citations": [{"n": c["n"], "doc_title": c["doc_title"], "section": c["section"],
                              "in_force": c["in_force"], "valid_until": c.get("valid_until"), "text": c["text"]}
                             for c in a["citations"]]}
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
print(len(qs), "rows ->", out)
