"""answer_set.py QUESTIONS.jsonl OUT.jsonl: answer a blind set like `ask --json`; "Q1 || Q2" is a two-turn chat
(the second turn's answer is graded; the first is kept as first_answer). POLICY_ENCODER picks the encoder and
POLICY_INDEX_DIR its index folder, as for the CLI."""
import json, os, sys
from pathlib import Path
from assistant.service import Settings, open_answerer, bundled_settings
from assistant.conversation import Conversation
from assistant.generate import Generation

index_dir = Path(os.environ["POLICY_INDEX_DIR"]) if os.environ.get("POLICY_INDEX_DIR") else None
a = open_answerer(bundled_settings(index_dir, encoder=os.environ.get("POLICY_ENCODER") or Settings.encoder,
                                  progress=False))
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        if not line.strip():
            continue
        q = json.loads(line)
        turns = [t.strip() for t in q["question"].split("||")]
        chat = Conversation(a)
        answers = [chat.ask(t) for t in turns]
        row = Generation(answers[-1], generated=False).to_json()
        row["query"] = q["question"]
        if len(answers) > 1:
            row["first_answer"] = answers[0].text
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
print("done", sys.argv[2])
