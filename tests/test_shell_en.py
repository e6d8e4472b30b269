"""English prompts for shell programs no grammar reads (#25): the command and every flag the
answer needs said in words (the help's, or ours where the help's phrase names another flag),
a flag with no words counted as such, never dropped and never spelt; redirections and pipes
said; BSD-style dashless letters read. Made-up answers of the shapes notes hold."""

import pytest

from dockquiz.grading.grammar import grammar
from dockquiz.notes.english import command_en

PS_AUX = (
    "Report a snapshot of the current processes: every user's processes, in user-oriented format,"
    " including processes with no terminal"
)


@pytest.mark.parametrize(
    "answer, said",
    [
        # every flag of a cluster, the archive file's value where the words name it
        ("tar -xzf pkg.tgz", "An archiving utility: extract the files, gzip-compressed, archive file pkg.tgz"),
        # tar's first word is its flags without a dash
        ("tar cjf out.tbz src", "An archiving utility: create an archive, bzip2-compressed, archive file out.tbz"),
        # ps's dashless letters mean other things than its dashed ones
        (
            "ps aux",
            PS_AUX,
        ),
        ("ps -ef", "Report a snapshot of the current processes: every process, in full format"),
        # a help phrase naming another flag ("Like --directories=recurse") gives way to ours
        ("grep -ri todo src", "Print lines that match patterns: searching directories recursively, ignoring case"),
        # a flag no words describe is said to be there
        ("ls -lQ", "List directory contents: in long format, enclose entry names in double quotes"),
        ("grep -y x f", "Print lines that match patterns: one more option dockquiz has no words for"),
        ("grep -iy x f", "Print lines that match patterns: ignoring case, one more option dockquiz has no words for"),
        ("grep -y -j x f", "Print lines that match patterns: 2 more options dockquiz has no words for"),
        # a subcommand's words
        ("systemctl restart web", "Restart a service"),
        ("systemctl enable --now web", "Enable a service at boot: starting or stopping it now too"),
        # a number that is the flag
        ("kill -9 4242", "Send a signal to a process: with signal 9 (KILL, which cannot be caught)"),
        ("head -3 notes.txt", "Output the first part of files: the first 3 lines"),
        # a metavariable of the help's phrase takes the value
        ("grep -A 2 err log.txt", "Print lines that match patterns: print 2 lines of trailing context"),
        # chmod's symbolic mode said in words
        ("chmod u+x run.sh", "Change file mode bits: add execute permission for the owner"),
        # redirections and pipes said
        (
            "ps aux | grep web",
            PS_AUX + ", its output piped into: print lines that match patterns",
        ),
        (
            "sort -n < in.txt > out.txt",
            "Sort lines of text files: numerically, reading the input from in.txt, writing the output to out.txt",
        ),
        ("date >> stamps.txt", "Print or set the system date and time, appending the output to stamps.txt"),
        # a placeholder in angle brackets is no redirection
        ("cat <some file>", "Concatenate files and print on the standard output"),
        # a command xargs runs is said as that command, its flags not read as xargs's
        (
            "xargs -r rm -f",
            "Build and execute command lines from standard input: not running the command when there is no input,"
            " running: remove files or directories: forcibly, never asking",
        ),
        # a job sent to the background, a blank value, flags after one taking a value
        ("wc -c big.txt &", "Count lines, words and bytes: counting bytes, in the background"),
        ("cut -d ' ' -f2 names.txt", "Remove sections from each line of files: with delimiter ' ', keeping fields 2"),
        ("bash -ce 'make all'", "Run shell commands (bash): from the string make all, stopping at the first failure"),
        # a pipe of both streams, which the lexer keeps among the words
        (
            "make |& tee build.log",
            "A `make` command, its output piped into: read from standard input and write to standard output and files",
        ),
        # a subcommand of two words (a service's command), the program's flags said
        ("aws s3 cp logs s3://box/logs --recursive", "Copy files to or from S3: recursively"),
        ("aws s3 rm s3://box/tmp --recursive --dryrun", "Delete S3 objects: recursively, only showing what would be done"),
        ("aws s3 ls --profile dev", "List S3 buckets or objects: with the credentials' profile dev"),
        ("gsutil rsync -r src gs://box", "Synchronize two buckets or directories: recursively"),
        # a flag of one command's own (gsutil's -l is a location for mb, a long listing for ls)
        ("gsutil mb -l eu gs://box", "Make a bucket: in location eu"),
        ("gsutil ls -l gs://box", "List buckets or objects: in long format"),
        # a program known by its commands only says nothing more of a command it does not know
        ("aws ec2 describe-vpcs --output text", "An `aws` command"),
        (
            "perl -pi -e 's/a/b/' notes.txt",
            "Run a Perl program: printing each line after the program, editing the files in place, from the string s/a/b/",
        ),
        # a program no words know keeps saying what it is
        ("streamlit run app.py", "A `streamlit` command"),
    ],
)
def test_a_shell_command_says_what_it_does_and_every_flag(answer, said):
    assert command_en(grammar(), answer) == said


def test_a_help_phrase_that_names_another_flag_is_not_used():
    from dockquiz.notes.shell_en import usable

    assert not usable("Like --directories=recurse")
    assert not usable("Equivalent to -vET")
    assert not usable("Append to target file when uploading --aws-sigv4 <provider1[")
    assert usable("Ignore case distinctions in patterns and data")
    assert usable("Do not list implied . and ..")


def test_a_symbolic_mode_is_no_value_shown_beside_the_prompt():
    from dockquiz.grading.forms import card_values

    assert card_values("command", "chmod +x run.sh") == ["run.sh"]
    assert card_values("command", "chmod 755 run.sh") == ["755", "run.sh"]  # a number: the learner needs it


def test_english_notes_words_keep_the_notes_and_a_japanese_value_is_named():
    text = "## 検索\n\n```bash\n# ファイルを探す\nfind . -name <ファイル名> -delete\n```\n"
    from dockquiz.notes import parse_notes

    (draft,) = parse_notes(text, deck="x").drafts
    assert draft.prompt_en == "Search for files in a directory hierarchy: whose name matches <value>, deleting them"


def test_a_dot_standing_alone_does_not_end_a_help_phrase():
    from dockquiz.grading.helptext import shell_options

    text = (
        "Usage: lst [OPTION]...\n  -a, --all      do not hide entries starting with .\n"
        "  -A             do not list implied . and ..\n"
    )
    assert [f.help for f in shell_options(text)] == ["Do not hide entries starting with .", "Do not list implied . and .."]


def test_a_loop_shows_no_syntax_as_values():
    from dockquiz.grading.forms import card_values

    assert card_values("command", "for f in *.log; do gzip $f; done") == ["$f"]
    assert card_values("command", "while true; do sleep 1; done") == ["1"]


def test_an_option_card_of_a_shell_program_says_what_its_flag_does():
    from dockquiz.notes import parse_notes

    text = "## 削除\n\n```bash\nrm -r old\n```\n\n- `-r` : ディレクトリごと\n- `-Y` : 何か\n"
    assert [(d.kind, d.prompt_en) for d in parse_notes(text, deck="x").drafts if d.kind == "option"] == [
        ("option", "An option of `rm`: recursively, with directories"),
        ("option", "An option of `rm`"),  # no words for it: what kind of thing the answer is
    ]


@pytest.mark.parametrize(
    "answer, said",
    [
        # the shell's special parameters and sequence expressions are said: no value shows them
        ("echo $?", "Display a line of text: the last command's exit status"),
        ("echo $$", "Display a line of text: the shell's process ID"),
        ("echo {1..5}", "Display a line of text: the sequence from 1 to 5"),
        ("echo {a..e..2}", "Display a line of text: the sequence from a to e in steps of 2"),
        # a plain word stays a value study shows
        ("echo hello", "Display a line of text"),
        # a program's operand no value shows whole (jq's filter), unless a flag gives it
        (
            "jq -r '.items | length' data.json",
            "Command-line JSON processor: printing strings raw, with the filter .items | length",
        ),
        ("jq -f prog.jq data.json", "Command-line JSON processor: one more option dockquiz has no words for"),
        # what cd does with no word, and with `-`, which no value shows
        ("cd", "Change the shell working directory: to the home directory"),
        ("cd -", "Change the shell working directory: back to the previous directory"),
        ("cd src", "Change the shell working directory"),
    ],
)
def test_what_the_shell_makes_of_a_word_is_said(answer, said):
    assert command_en(grammar(), answer) == said


@pytest.mark.parametrize(
    "answer, said",
    [
        # a flag whose help words are unusable but whose value the help names: its role from
        # that name, with the value shown (the help's "Use [[CC]YY]MMDDhhmm[.ss]…" reads as nothing)
        ("touch -t 202001010000 f.txt", "Change file timestamps: an option whose stamp is 202001010000"),
        # a long flag typed as a prefix GNU accepts (--strip for --strip-components): that flag's words
        (
            "tar -xzf a.tgz --strip=1",
            "An archiving utility: extract the files, gzip-compressed, archive file a.tgz, stripping 1 leading path components",
        ),
        # a long flag no words describe: the words of its name, as for the grammar's flags
        ("curl --frobnicate-all https://x.example", "Transfer data from or to a URL: an option named “frobnicate all”"),
        ("curl --frobnicate=3 https://x.example", "Transfer data from or to a URL: an option named “frobnicate” (3)"),
        # a short flag with neither words nor a value the help names stays counted
        ("grep -y x f", "Print lines that match patterns: one more option dockquiz has no words for"),
    ],
)
def test_a_flag_with_no_words_is_said_by_what_is_known_of_it(answer, said):
    assert command_en(grammar(), answer) == said


def test_a_prefix_two_long_flags_share_is_no_flag_of_either():
    from dockquiz.notes.shell_en import shell_read

    read = shell_read(["tar", "-cf", "a.tar", "--no", "src"])  # --no-recursion, --no-same-owner…
    assert read.unknown == 1


def test_the_flags_of_a_command_substituted_in_a_word_are_not_the_programs():
    # export X=$(tool --fmt y): --fmt is the inner command's, no flag of export's
    from dockquiz.notes.shell_en import shell_read

    read = shell_read(["export", "X=$(boxctl", "list", "--fmt", "value(a.b))"])
    assert read.said == [] and read.unknown == 0


def test_english_notes_words_are_not_given_a_flag_no_words_describe():
    # the notes' words are both prompts of English notes: what is guessed of a flag stays out of them
    from dockquiz.notes.english import unsaid_flags

    assert unsaid_flags(grammar(), "count the files", "curl --frobnicate -s https://x.example") == ["silently"]


def test_a_value_of_several_words_is_named_by_its_role_only():
    # su -c 'a ; b ; c': the value is a command line study shows; the prompt says what it is
    assert command_en(grammar(), "su -c 'make all ; make install'") == (
        "Run a command with substitute user and group ID: an option giving the command"
    )
