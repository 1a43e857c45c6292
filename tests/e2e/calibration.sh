# calibration.sh: `stats --calibration` on a history studied day by day
# (late days, failures, same-day repeats, undos): SM-2's and the
# average's numbers equal a separate computation in Python straight from
# the review log (with srs-benchmark's own bin keys and a pairwise AUC),
# FSRS's are sane, fitted weights add a fourth model, --deck narrows it,
# too few reviews is said plainly, and the text fits 40 columns in any
# locale.
source "$(dirname "$0")/lib/common.bash"

q() { sqlite3 "$REHEARSE_COLLECTION" "$1"; }
jq_py() { # jq_py FILE EXPR: a Python expression over the JSON in FILE (j)
    python3 - "$1" "$2" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))
PY
}

# Nothing studied yet: said on stdout, exit 0, and JSON with no models.
cards=()
for i in $(seq 1 14); do cards+=("a$i|Alpha $i?|Answer $i."); done
write_deck "$WORK/a.md" alpha 1 "${cards[@]}"
cards=()
for i in $(seq 1 6); do cards+=("b$i|Beta $i?|Answer $i."); done
write_deck "$WORK/b.md" beta 1 "${cards[@]}"
"$REHEARSE" import --allow-unsigned "$WORK/a.md" "$WORK/b.md" >/dev/null
run_rc rc "$REHEARSE" stats --calibration
expect_eq "no reviews: exit" 0 "$rc"
expect_contains "no reviews: said so" "Too few reviews to judge the models yet: 0" "$out"
"$REHEARSE" stats --calibration --json >"$WORK/c.json"
expect_eq "no reviews: JSON" "0 [] False" \
    "$(jq_py "$WORK/c.json" 'j["reviews"], j["models"], j["fitted_weights"]' | tr -d '(),')"

# Two months of study, skipping every fifth day (so reviews come late and
# SM-2's prediction moves off 0.9), grades from a fixed pattern, an undo
# now and then.
pattern=(5 4 3 2 5 1 4 4 0 3 5 2 4 4 5 3 4 2)
step=0
for d in $(seq 0 62); do
    [ $((d % 5)) -eq 3 ] && continue
    input=""
    for n in $(seq 1 40); do
        input+=$'\n'"${pattern[$((step % ${#pattern[@]}))]}"$'\n'
        step=$((step + 1))
        [ $((step % 23)) -eq 0 ] && input+=$':undo\n'
    done
    printf '%s' "$input" | REHEARSE_NOW=$(date -u -d "2026-01-01 + $d days" +%F)T10:00 \
        "$REHEARSE" --new 3 >/dev/null 2>"$WORK/err" || fail "day $d: $(cat "$WORK/err")"
done
expect_eq "the log has undos and repeats" "1|1" \
    "$(q "SELECT count(*) FILTER (WHERE kind = 'undo') > 0, count(*) FILTER (WHERE kind = 'repeat') > 0 FROM reviews")"
export REHEARSE_NOW=2026-03-10T10:00

# reference DECK...: SM-2's and the average's metrics from the log.
reference() {
    python3 - "$REHEARSE_COLLECTION" "$@" <<'PY'
import math, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
decks = sys.argv[2:]
rows = db.execute("""SELECT r.id, r.card_id, r.kind, r.grade, r.day,
    r.interval_before, r.undoes, d.slug FROM reviews r JOIN cards c ON
    c.id = r.card_id JOIN decks d ON d.id = c.deck_id ORDER BY r.id""").fetchall()
undone = {r[6] for r in rows if r[2] == "undo"}
by_card = {}
for r in rows:
    if r[2] in ("review", "repeat") and r[0] not in undone and (not decks or r[7] in decks):
        by_card.setdefault(r[1], []).append(r)
judged = []  # (sm2 p, y, elapsed, i, lapses)
for revs in by_card.values():
    graded, last, sm2_day, i, lapses = False, None, None, 1, 0
    for _, _, kind, grade, day, ivl, _, _ in revs:
        if kind == "repeat" and not graded:
            continue
        if graded and day > last:
            i += 1
            y = 1 if grade >= 3 else 0
            judged.append((0.9 ** ((day - sm2_day) / max(1, ivl)), y, day - last, i, lapses))
            lapses += 1 - y
        graded, last = True, day
        if kind == "review":
            sm2_day = day
n = len(judged)
mean = sum(j[1] for j in judged) / n
def metrics(ps):
    eps = 2.220446049250313e-16
    ys = [j[1] for j in judged]
    ll = -sum(math.log(min(max(p, eps), 1 - eps)) if y else math.log(1 - min(max(p, eps), 1 - eps))
              for p, y in zip(ps, ys)) / n
    pos = [p for p, y in zip(ps, ys) if y]
    neg = [p for p, y in zip(ps, ys) if not y]
    auc = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in pos for b in neg) / (len(pos) * len(neg))
    cells = {}
    for p, (_, y, e, i, l) in zip(ps, judged):
        key = (round(2.48 * 3.62 ** math.floor(math.log(e) / math.log(3.62)), 2),
               round(1.99 * 1.89 ** math.floor(math.log(i) / math.log(1.89))),
               round(1.65 * 1.73 ** math.floor(math.log(l) / math.log(1.73))) if l else 0)
        c = cells.setdefault(key, [0.0, 0, 0])
        c[0] += p; c[1] += y; c[2] += 1
    rmse = math.sqrt(sum(c[2] * (c[0] / c[2] - c[1] / c[2]) ** 2 for c in cells.values()) / n)
    return "%.6f %.6f %.6f" % (ll, rmse, auc)
entropy = -(mean * math.log(mean) + (1 - mean) * math.log(1 - mean))
print(n, sum(j[1] for j in judged), "%.6f" % entropy)
print(metrics([j[0] for j in judged]))
print(metrics([mean] * n))
print(len({j[0] for j in judged}) > 1)
PY
}
model_line() { # model_line FILE ID: "log_loss rmse_bins auc" from the JSON
    jq_py "$1" "' '.join('%.6f' % m[k] for m in j['models'] if m['model'] == '$2' for k in ('log_loss', 'rmse_bins', 'auc'))"
}

"$REHEARSE" stats --calibration --json >"$WORK/c.json"
reference >"$WORK/ref"
read -r n recalled entropy <"$WORK/ref"
[ "$n" -ge 100 ] || fail "only $n judged reviews: the history is too short to test anything"
expect_eq "SM-2 predicts more than one value (late reviews)" True "$(sed -n 4p "$WORK/ref")"
expect_eq "reviews and recalled" "$n $recalled" "$(jq_py "$WORK/c.json" 'j["reviews"], j["recalled"]' | tr -d '(),')"
expect_eq "three models without fitted weights" "['sm2', 'fsrs6_default', 'average'] False" \
    "$(jq_py "$WORK/c.json" '[m["model"] for m in j["models"]], j["fitted_weights"]' | sed 's/^(//; s/)$//; s/\], /] /')"
expect_eq "every model judged every review" "[$n, $n, $n]" "$(jq_py "$WORK/c.json" '[m["reviews"] for m in j["models"]]')"
expect_eq "SM-2: log loss, RMSE(bins), AUC" "$(sed -n 2p "$WORK/ref")" "$(model_line "$WORK/c.json" sm2)"
expect_eq "average: log loss, RMSE(bins), AUC" "$(sed -n 3p "$WORK/ref")" "$(model_line "$WORK/c.json" average)"
expect_eq "average: log loss is the entropy of the recall rate" "$entropy" \
    "$(jq_py "$WORK/c.json" '"%.6f" % j["models"][2]["log_loss"]')"
expect_eq "FSRS: finite, positive log loss, RMSE(bins) and AUC in [0, 1]" True \
    "$(jq_py "$WORK/c.json" 'all(0 < m["log_loss"] < 5 and 0 <= m["rmse_bins"] <= 1 and 0 <= m["auc"] <= 1 for m in j["models"])')"
expect_eq "chart bins add up to the reviews, within their tenth" True \
    "$(jq_py "$WORK/c.json" 'all(sum(b["reviews"] for b in m["bins"]) == j["reviews"] and all(b["from"] <= b["predicted"] <= b["to"] for b in m["bins"]) for m in j["models"])')"

# The text: the table, the chart, no escape codes under NO_COLOR, and no
# line wider than the terminal, in ASCII in the C locale.
out=$(COLUMNS=80 "$REHEARSE" stats --calibration)
expect_contains "table header" "model          log loss RMSE(bins)   AUC   reviews" "$out"
expect_contains "SM-2 row" "$(jq_py "$WORK/c.json" '"%-14s %8.4f %10.4f %5.3f %9d" % tuple(j["models"][0][k] for k in ("name", "log_loss", "rmse_bins", "auc", "reviews"))')" "$out"
expect_contains "chart" "Predicted against actual recall" "$out"
case "$out" in *"FSRS-6 fitted"*) fail "a fitted row without fitted weights" ;; esac
case "$out" in *$'\x1b'*) fail "escape codes under NO_COLOR" ;; esac
widest() { python3 "$TESTS_DIR/e2e/lib/columns.py"; }
for locale in C C.UTF-8; do
    for cols in 40 80 200; do
        w=$(LC_ALL=$locale COLUMNS=$cols "$REHEARSE" stats --calibration | widest)
        [ "$w" -le "$cols" ] || fail "$locale: stats --calibration at COLUMNS=$cols is $w columns wide"
    done
done
case "$(LC_ALL=C COLUMNS=80 "$REHEARSE" stats --calibration)" in
*$'\xe2'* | *$'\xc2'*) fail "non-ASCII glyphs in the C locale" ;;
esac
expect_contains "UTF-8: block bars" $'\u2588' "$(LC_ALL=C.UTF-8 COLUMNS=80 "$REHEARSE" stats --calibration)"

# Card ids far apart (the loader then sorts instead of counting by id):
# the same numbers.
cp "$REHEARSE_COLLECTION" "$WORK/sparse.db"
sqlite3 "$WORK/sparse.db" "UPDATE reviews SET card_id = card_id + 4000000000
    WHERE card_id = (SELECT min(card_id) FROM reviews)"
REHEARSE_COLLECTION=$WORK/sparse.db "$REHEARSE" stats --calibration --json >"$WORK/sparse.json"
expect_eq "sparse card ids: the same report" "$(cat "$WORK/c.json")" "$(cat "$WORK/sparse.json")"

# --deck: only that deck's cards.
reference beta >"$WORK/ref"
read -r n_beta _ _ <"$WORK/ref"
run_rc rc "$REHEARSE" stats --calibration --deck beta --json
expect_eq "--deck: exit" 0 "$rc"
printf '%s\n' "$out" >"$WORK/beta.json"
expect_eq "--deck beta: its reviews only" "$n_beta" "$(jq_py "$WORK/beta.json" 'j["reviews"]')"
if [ "$n_beta" -ge 50 ]; then
    expect_eq "--deck beta: SM-2" "$(sed -n 2p "$WORK/ref")" "$(model_line "$WORK/beta.json" sm2)"
fi

# Fitted weights: a fourth model.  The published defaults as "fitted"
# give FSRS-6 default's numbers; a slower decay gives others.
defaults="[0.212,1.2931,2.3065,8.2956,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.1542]"
q "INSERT INTO fsrs_weights VALUES (1, '$defaults', 100, 0.3, 0.4, 0)"
"$REHEARSE" stats --calibration --json >"$WORK/c.json"
expect_eq "four models with fitted weights" "['sm2', 'fsrs6_default', 'fsrs6_fitted', 'average'] True" \
    "$(jq_py "$WORK/c.json" '[m["model"] for m in j["models"]], j["fitted_weights"]' | sed 's/^(//; s/)$//; s/\], /] /')"
expect_eq "defaults as fitted weights: the same numbers" "$(model_line "$WORK/c.json" fsrs6_default)" \
    "$(model_line "$WORK/c.json" fsrs6_fitted)"
q "UPDATE fsrs_weights SET weights = json_set(weights, '\$[20]', 0.5)"
"$REHEARSE" stats --calibration --json >"$WORK/c.json"
[ "$(model_line "$WORK/c.json" fsrs6_default)" != "$(model_line "$WORK/c.json" fsrs6_fitted)" ] ||
    fail "other fitted weights gave the default weights' numbers"
out=$(COLUMNS=80 "$REHEARSE" stats --calibration)
expect_contains "text: the fitted row" "FSRS-6 fitted" "$out"
expect_contains "text: the fitted weights saw these reviews" "fitted to these same reviews" "$out"

# Too few: a deck studied for two days.
export REHEARSE_COLLECTION=$WORK/few.db
"$REHEARSE" import --allow-unsigned "$WORK/b.md" >/dev/null
printf '\n4\n\n4\n' | REHEARSE_NOW=2026-01-01T10:00 "$REHEARSE" --new 2 >/dev/null
printf '\n4\n\n1\n\n4\n' | REHEARSE_NOW=2026-01-02T10:00 "$REHEARSE" >/dev/null
run_rc rc "$REHEARSE" stats --calibration
expect_eq "too few: exit" 0 "$rc"
expect_contains "too few: said so" "Too few reviews to judge the models yet: 2 came" "$out"
expect_eq "too few: nothing on stderr" "" "$err"
"$REHEARSE" stats --calibration --json >"$WORK/c.json"
expect_eq "too few: JSON counts, no models" "2 [] 50" \
    "$(jq_py "$WORK/c.json" 'j["reviews"], j["models"], j["minimum_reviews"]' | tr -d '(),')"

run_rc rc "$REHEARSE" stats --calibration --grader
expect_eq "--calibration with --grader: usage error" 2 "$rc"
finish
