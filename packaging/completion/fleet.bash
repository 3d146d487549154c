# bash completion for fleet(1). Every word comes from fleet itself, never from
# reading fleet.yaml here: `fleet complete commands`, `fleet complete options
# COMMAND` (an option that takes a value ends with '='), and the inventory's
# names through `fleet complete names` (-n) and `fleet complete environments`
# (--env), for the inventory the line names with -c/--config, else
# $FLEET_CONFIG or ./fleet.yaml, as the command itself would find it.

_fleet() {
    local fleet=${COMP_WORDS[0]}
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local -a config=()
    local i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -c | --config) config=(--config "${COMP_WORDS[i + 1]}") ;;
        esac
    done

    case $prev in
    -n | --name)
        mapfile -t COMPREPLY < <(compgen -W "$("$fleet" "${config[@]}" complete names 2>/dev/null)" -- "$cur")
        return 0
        ;;
    --env)
        mapfile -t COMPREPLY < <(compgen -W "$("$fleet" "${config[@]}" complete environments 2>/dev/null)" -- "$cur")
        return 0
        ;;
    -c | --config)
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return 0
        ;;
    --script-location | --to)
        mapfile -t COMPREPLY < <(compgen -d -- "$cur")
        return 0
        ;;
    esac

    # The command is the first word that is neither an option nor an option's
    # value; which options take one, fleet says.
    local options command= word
    options=$("$fleet" complete options 2>/dev/null)
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if [[ $word == -* ]]; then
            [[ $'\n'$options$'\n' == *$'\n'$word=$'\n'* ]] && ((i++))
        else
            command=$word
            break
        fi
    done

    if [[ $cur == -* ]]; then
        options=$("$fleet" complete options $command 2>/dev/null)
        mapfile -t COMPREPLY < <(compgen -W "${options//=/}" -- "$cur")
    elif [[ -z $command ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$("$fleet" complete commands 2>/dev/null)" -- "$cur")
    else
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
    return 0
}
complete -F _fleet fleet
