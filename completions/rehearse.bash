# bash completion for rehearse(1)                          -*- shell-script -*-
#
# Completes commands, options, deck ids (--deck), tags (--tag), card ids
# (--card, suspend, unsuspend), key ids (untrust) and file names.  Deck ids,
# tags and cards are read from the user's collection when Tab is pressed,
# by running `rehearse decks --json` or `rehearse cards --json`; nothing is
# run when the collection does not exist yet, so completing never creates
# one.  The JSON is parsed with python3 when it is installed, and with grep
# and sed otherwise.

# Prints the collection path the command line would use, or nothing.
_rehearse_collection_path()
{
    local path=$1
    if [[ -z $path ]]; then
        if [[ -n ${REHEARSE_COLLECTION-} ]]; then
            path=$REHEARSE_COLLECTION
        elif [[ ${XDG_DATA_HOME-} == /* ]]; then
            path=$XDG_DATA_HOME/rehearse/collection.db
        elif [[ -n ${HOME-} ]]; then
            path=$HOME/.local/share/rehearse/collection.db
        fi
    fi
    [[ $path == \~/* ]] && path=$HOME/${path#\~/}
    printf '%s\n' "$path"
}

# _rehearse_query KIND [DECK...]
# Prints one completion candidate a line.  KIND is one of
#   decks      deck ids
#   tags       tags of the cards (of the given decks, if any)
#   cards      DECK/CARD-ID of every card
#   suspended  DECK/CARD-ID of suspended cards
#   active     DECK/CARD-ID of cards that are not suspended
#   keys       ids of the trusted keys
# Uses _rehearse_prog and _rehearse_coll, locals of _rehearse.
_rehearse_query()
{
    local kind=$1
    shift
    local path
    path=$(_rehearse_collection_path "$_rehearse_coll")
    [[ -n $path && -f $path ]] || return 0

    local -a args=()
    [[ -n $_rehearse_coll ]] && args=(--collection "$path")
    local out
    case $kind in
        decks) args+=(decks --json) ;;
        keys) args+=(keys) ;;
        tags)
            args+=(cards --json)
            local d
            for d in "$@"; do
                [[ $d =~ ^[a-z0-9-]{1,64}$ ]] && args+=(--deck "$d")
            done
            ;;
        *) args+=(cards --json) ;;
    esac
    # An empty REHEARSE_DECKDIR keeps the bundled decks from being synced
    # while we only want to read.
    out=$(REHEARSE_DECKDIR='' "$_rehearse_prog" "${args[@]}" 2>/dev/null) ||
        return 0

    if [[ $kind == keys ]]; then
        # The built-in release key (no date in the second column) cannot
        # be untrusted, so it is left out.
        printf '%s\n' "$out" |
            sed -n 's/^\([0-9A-Fa-f]\{16\}\)[[:space:]][[:space:]]*[0-9].*/\1/p'
        return 0
    fi

    if command -v python3 >/dev/null 2>&1; then
        # Lines before the JSON array (such as import messages) are skipped.
        printf '%s\n' "$out" | python3 -c '
import json, sys
kind = sys.argv[1]
lines = sys.stdin.read().split("\n")
for i, line in enumerate(lines):
    if line.lstrip().startswith("["):
        data = json.loads("\n".join(lines[i:]))
        break
else:
    sys.exit(0)
seen = []
for item in data:
    if not isinstance(item, dict):
        continue
    if kind == "decks":
        words = [item.get("id")]
    elif kind == "tags":
        words = item.get("tags") or []
    else:
        state = item.get("state")
        if kind == "suspended" and state != "suspended":
            continue
        if kind == "active" and state == "suspended":
            continue
        words = ["%s/%s" % (item.get("deck"), item.get("id"))]
    seen.extend(w for w in words if isinstance(w, str))
if seen:
    print("\n".join(sorted(set(seen))))
' "$kind" 2>/dev/null && return 0
    fi

    # Fallback: ids and tags are limited to a-z, 0-9 and '-', and a quote
    # inside a JSON string is escaped, so these patterns cannot match text
    # from a question.  Card objects are matched from "deck" to "state",
    # the order rehearse writes them in.
    case $kind in
        decks)
            printf '%s\n' "$out" | LC_ALL=C grep -o '"id":"[a-z0-9-]*"' |
                sed 's/^"id":"//; s/"$//'
            ;;
        tags)
            printf '%s\n' "$out" | LC_ALL=C grep -o '"tags":\[[^]]*\]' |
                sed 's/^"tags"://' | LC_ALL=C grep -o '"[a-z0-9-]*"' |
                tr -d '"' | LC_ALL=C sort -u
            ;;
        *)
            local state='.'
            [[ $kind == suspended ]] && state='"state":"suspended"$'
            printf '%s\n' "$out" |
                LC_ALL=C grep -oE '"deck":"[a-z0-9-]*","id":"[a-z0-9-]*","question":"(\\.|[^"\\])*","state":"[a-z]*"' |
                if [[ $kind == active ]]; then
                    LC_ALL=C grep -v '"state":"suspended"$'
                else
                    LC_ALL=C grep -e "$state"
                fi |
                sed 's/^"deck":"\([a-z0-9-]*\)","id":"\([a-z0-9-]*\)".*/\1\/\2/'
            ;;
    esac
}

# Sets COMPREPLY to the lines of $1 that start with $2.
_rehearse_reply_lines()
{
    local IFS=$'\n'
    mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
}

_rehearse_reply_files()
{
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    mapfile -t COMPREPLY < <(compgen -f -- "$1")
}

_rehearse()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=${COMP_WORDS[COMP_CWORD-1]}
    local cword=$COMP_CWORD
    COMPREPLY=()

    # COMP_WORDBREAKS splits --opt=value into three words: --opt, =, value.
    if [[ $cur == = && $cword -ge 2 ]]; then
        prev=${COMP_WORDS[cword-1]}
        cur=
    elif [[ $prev == = && $cword -ge 3 ]]; then
        prev=${COMP_WORDS[cword-2]}
    fi

    # Seen by _rehearse_query through bash's dynamic scoping.
    local _rehearse_prog=${COMP_WORDS[0]} _rehearse_coll=''
    [[ $_rehearse_prog == \~/* ]] &&
        _rehearse_prog=$HOME/${_rehearse_prog#\~/}
    command -v -- "$_rehearse_prog" >/dev/null 2>&1 || _rehearse_prog=rehearse

    # Find the command and the global --collection, and collect the words
    # after the command.  An option before any command means 'study'.
    local cmd='' i=1 w implicit=''
    while ((i < cword)); do
        w=${COMP_WORDS[i]}
        if [[ $w == --collection ]]; then
            if [[ ${COMP_WORDS[i+1]-} == = ]]; then
                ((i + 2 < cword)) && _rehearse_coll=${COMP_WORDS[i+2]}
                ((i += 3))
            else
                ((i + 1 < cword)) && _rehearse_coll=${COMP_WORDS[i+1]}
                ((i += 2))
            fi
            continue
        fi
        if [[ $w == -* ]]; then
            cmd=study implicit=1
            break
        fi
        cmd=$w
        ((i++))
        break
    done
    local first=$i  # index of the first word belonging to the command

    # Options used so far (for dropping those that make sense once) and
    # deck ids given (to narrow the tags offered).
    local -a used=() decks=()
    local j
    for ((j = first; j < cword; j++)); do
        w=${COMP_WORDS[j]}
        [[ $w == -* ]] && used+=("$w")
        if [[ $w == --deck ]]; then
            if [[ ${COMP_WORDS[j+1]-} == = ]]; then
                decks+=("${COMP_WORDS[j+2]-}")
            else
                decks+=("${COMP_WORDS[j+1]-}")
            fi
        fi
    done

    # Values of options.
    case $prev in
        --collection)
            if [[ -z $cmd || $implicit ]]; then
                _rehearse_reply_files "$cur"
                return 0
            fi
            ;;
        -o | -p | -s | --pubkey)
            case $cmd in
                import | keygen | sign | verify | export)
                    _rehearse_reply_files "$cur"
                    return 0
                    ;;
            esac
            ;;
        --deck)
            _rehearse_reply_lines "$(_rehearse_query decks)" "$cur"
            return 0
            ;;
        --tag)
            _rehearse_reply_lines "$(_rehearse_query tags "${decks[@]}")" "$cur"
            return 0
            ;;
        --card)
            _rehearse_reply_lines "$(_rehearse_query cards)" "$cur"
            return 0
            ;;
        --format)
            case $cmd in
                export) _rehearse_reply_lines $'anki\ntsv\nmd' "$cur" ;;
                journal) _rehearse_reply_lines md "$cur" ;;
            esac
            return 0
            ;;
        --since)
            _rehearse_reply_lines "$(date +%Y-%m-%d 2>/dev/null)" "$cur"
            return 0
            ;;
        --date)
            _rehearse_reply_lines "$(date -d '+7 days' +%Y-%m-%d 2>/dev/null)" "$cur"
            return 0
            ;;
        --new | --count | --minutes | --target | --seed | --name | --limit)
            return 0
            ;;
    esac

    local commands='study interview import decks cards stats journal export
        check match keygen sign verify trust untrust keys suspend unsuspend
        backup restore plan optimize show search note'
    local study_opts='--deck --tag --new --no-plan --help'

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            mapfile -t COMPREPLY < <(compgen -W "--collection --version
                $study_opts" -- "$cur")
        else
            mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
        fi
        return 0
    fi

    # Options of each command; those in 'many' may be repeated.
    local opts='' many=''
    case $cmd in
        study) opts=$study_opts many='--deck --tag' ;;
        interview)
            opts='--deck --tag --count --minutes --target --reschedule --seed
                --drill --help'
            many='--deck --tag'
            ;;
        import)
            opts='-p --pubkey --allow-unsigned --allow-downgrade
                --new-publisher --deck-id --no-history --help'
            ;;
        decks) opts='--json --help' ;;
        cards)
            opts='--deck --tag --due --leeches --flagged --json --help'
            many='--deck --tag'
            ;;
        stats) opts='--deck --tag --grader --calibration --json --help' many='--deck --tag' ;;
        plan)
            opts='--date --deck --tag --minutes --json --clear --help'
            many='--deck --tag'
            ;;
        optimize) opts='--dry-run --json --reset --help' ;;
        search) opts='--deck --tag --limit --json --help' many='--deck --tag' ;;
        journal)
            opts='--card --deck --since --format --json --help'
            many='--deck'
            ;;
        export) opts='--deck --format -o -f --help' ;;
        keygen) opts='-W -f -p -s --help' ;;
        sign) opts='-s --help' ;;
        verify) opts='-p --help' ;;
        trust) opts='--name --help' ;;
        untrust) opts='-p --pubkey --help' ;;
        check) opts='--help' ;;
        match | show) opts='--json --help' ;;
        note) opts='--show --delete --help' ;;
        keys | suspend | unsuspend) opts='--help' ;;
        *) return 0 ;;
    esac

    if [[ $cur == -* ]]; then
        local -a offer=()
        local o u skip
        for o in $opts; do
            skip=
            for u in "${used[@]}"; do
                [[ $u == -h || $u == --help ]] && return 0
                if [[ $u == "$o" || $u == "$o="* ]] && [[ " $many " != *" $o "* ]]; then
                    skip=1
                fi
                # --minutes overrides --count: offer only one of them.
                [[ $o == --count && $u == --minutes* ]] && skip=1
                [[ $o == --minutes && $u == --count* ]] && skip=1
                [[ $o == -p && $u == --pubkey* ]] && skip=1
                [[ $o == --pubkey && $u == -p ]] && skip=1
            done
            [[ $skip ]] || offer+=("$o")
        done
        mapfile -t COMPREPLY < <(compgen -W "${offer[*]}" -- "$cur")
        return 0
    fi

    # Operands.
    case $cmd in
        import | check | sign | verify)
            _rehearse_reply_files "$cur"
            ;;
        restore)
            ((cword == first)) && _rehearse_reply_files "$cur"
            ;;
        trust)
            # One public key file.
            local n=0
            for ((j = first; j < cword; j++)); do
                w=${COMP_WORDS[j]}
                if [[ $w == --name ]]; then
                    ((j++))
                elif [[ $w != -* && $w != = ]]; then
                    ((n++))
                fi
            done
            ((n == 0)) && _rehearse_reply_files "$cur"
            ;;
        untrust)
            ((cword == first)) &&
                _rehearse_reply_lines "$(_rehearse_query keys)" "$cur"
            ;;
        suspend | match | show | note)
            _rehearse_reply_lines "$(_rehearse_query active)" "$cur"
            ;;
        unsuspend)
            _rehearse_reply_lines "$(_rehearse_query suspended)" "$cur"
            ;;
    esac
    return 0
} &&
    complete -F _rehearse rehearse

# ex: filetype=sh
