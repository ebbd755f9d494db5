// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "console/tool_descriptions.hpp"

namespace agent_backends::detail {

const std::string_view ls_description =
    "List the files and directories directly inside a directory, with file sizes in bytes.\n"
    "\n"
    "Use it to see what one directory holds. To find files by name or extension at any depth, use `glob` "
    "instead: `ls` does not recurse.\n"
    "\n"
    "Returns `Contents of {path}:` then one line per entry: directories end with `/`, files show their size. "
    "An empty directory and a missing one give the same answer (`Directory '{path}' is empty or does not "
    "exist`).";

const std::string_view read_file_description =
    "Read a text file, each line prefixed with its line number (like `cat -n`). ALWAYS read a file before "
    "you edit it: `edit_file` needs its exact text.\n"
    "\n"
    "Usage:\n"
    "- `offset` counts lines from 0 while the numbers shown count from 1 (`offset=100` starts at line 101).\n"
    "- For a long file (more than a few hundred lines) read a first slice with `limit=100` to see its "
    "shape, then read the part you need; for a short one leave offset and limit out.\n"
    "- Read several files at once by calling read_file several times in one response.\n"
    "- When a slice stops before the end of the file, `... (N more lines)` follows it.\n"
    "- A missing file, a directory, a binary file or an offset past the end answers a line starting "
    "`Error:`; correct the call and try again.\n"
    "- Follow the style, naming and patterns of the code you read when you change it.";

const std::string_view hashline_read_file_description =
    "Read a text file in hashline format: every line is shown as `{line_number}:{hash}|{content}`, where "
    "the two-character hash belongs to that line's exact content. ALWAYS read a file before you edit it: "
    "`hashline_edit` addresses lines by these `line:hash` pairs.\n"
    "\n"
    "Usage:\n"
    "- `offset` counts lines from 0 while the numbers shown count from 1.\n"
    "- For a long file read a first slice with `limit=100`, then the part you need; for a short one leave "
    "offset and limit out.\n"
    "- Read several files at once by calling read_file several times in one response.\n"
    "- When a slice stops before the end of the file, `... (N more lines)` follows it; errors answer a "
    "line starting `Error:`.";

const std::string_view write_file_description =
    "Write a file: create it, or replace everything in it. Missing parent directories are created.\n"
    "\n"
    "IMPORTANT:\n"
    "- For a file that exists, ALWAYS prefer `edit_file`: it changes only the part you name, while "
    "`write_file` replaces the whole file and loses whatever you leave out.\n"
    "- Use `write_file` to create a new file or when you mean a complete rewrite.\n"
    "- Create new files only when the work needs them; do not add README, documentation or summary files "
    "unless asked.\n"
    "- Never write secrets (API keys, passwords, .env or credential files).\n"
    "\n"
    "Returns `Wrote N lines to {path}`, or a line starting `Error:`.";

const std::string_view edit_file_description =
    "Edit a file by replacing an exact string. This is the preferred way to change a file that exists.\n"
    "\n"
    "IMPORTANT:\n"
    "- `read_file` the file first: `old_string` must match its text character for character, indentation "
    "(tabs or spaces) included. Do not include the line-number prefix that read_file shows.\n"
    "- The edit fails when `old_string` does not occur, or occurs more than once and `replace_all` is "
    "false; then include more surrounding lines to make it unique.\n"
    "- Use `replace_all=true` when you mean every occurrence, e.g. to rename a variable across the file.\n"
    "- Change only the text you mean to change; leave the wording and formatting around it alone.\n"
    "- Read the file again before a further edit to it: a formatter or a hook may have changed it.\n"
    "\n"
    "Returns `Edited {path}: replaced N occurrence(s)`, or a line starting `Error:` saying why not.";

const std::string_view hashline_edit_description =
    "Edit a file by addressing its lines with the `line:hash` tags that `read_file` shows. This is the "
    "preferred way to change a file that exists; `read_file` it first.\n"
    "\n"
    "Operations:\n"
    "- Replace one line: `start_line` + `start_hash` + `new_content`.\n"
    "- Replace a range: also give `end_line` + `end_hash` (inclusive).\n"
    "- Insert after a line: `insert_after=true` (the anchor line stays).\n"
    "- Delete: `new_content=\"\"`.\n"
    "\n"
    "A hash that does not match means the file changed since you read it: read it again rather than "
    "guessing. When making several edits to one file, work from the bottom up so the line numbers above "
    "stay valid. Change only the lines you mean to change.\n"
    "\n"
    "Returns `Edited {path}: ` and what changed, or a line starting `Error:`.";

const std::string_view glob_description =
    "Find files whose path matches a glob pattern. Use it to discover files before reading or editing "
    "them.\n"
    "\n"
    "Patterns (`*` stays within one directory, `**` crosses directories):\n"
    "- `*.py`: Python files directly in the search directory\n"
    "- `**/*.py`: Python files at any depth\n"
    "- `src/**/*.ts`: TypeScript files under src/\n"
    "- `**/test_*.py`: test files at any depth\n"
    "- `**/*.{js,ts,tsx}`: several extensions at once\n"
    "\n"
    "Hidden files and files ignored by `.gitignore` are skipped unless the pattern names them. Call glob "
    "several times in one response to look for different patterns at once. To search inside files, use "
    "`grep`.\n"
    "\n"
    "Returns `Found N file(s) matching '{pattern}':` and up to 100 paths (`... and N more` beyond), or "
    "`No files matching '{pattern}' in {path}`.";

const std::string_view grep_description =
    "Search file contents for a regular expression. ALWAYS use this instead of running `grep` or `rg` "
    "through `execute`.\n"
    "\n"
    "The syntax is RE2 (like Python's `re`, without backreferences or lookaround), e.g. `log.*Error` or "
    "`def\\s+\\w+`. Narrow the search with `path` (a directory or one file) and `glob_pattern` (e.g. "
    "`*.py` matches Python files at any depth, `*.{js,ts}` two extensions).\n"
    "\n"
    "Output modes:\n"
    "- `files_with_matches` (default): the paths of the files that match (up to 50)\n"
    "- `content`: the matching lines as `path:line: text`, each cut to 100 characters (up to 50)\n"
    "- `count`: the number of matching lines\n"
    "\n"
    "No match answers `No matches for '{pattern}'`; a bad pattern or a missing path a line starting "
    "`Error:`.";

const std::string_view execute_description =
    "Run a shell command (`/bin/sh -c`) in the working directory and return its output, stdout and stderr "
    "interleaved.\n"
    "\n"
    "Use it only for what needs a real shell: running tests, builds, scripts, git, package managers. Use the "
    "specialised tools instead of shell equivalents:\n"
    "- `read_file` instead of `cat`, `head`, `tail`\n"
    "- `edit_file` instead of `sed`, `awk`\n"
    "- `write_file` instead of `echo >` or `cat <<EOF`\n"
    "- `glob` instead of `find` or `ls -R`\n"
    "- `grep` instead of `grep` or `rg`\n"
    "\n"
    "Usage:\n"
    "- Quote paths that contain spaces.\n"
    "- Chain dependent steps with `&&` in one command; run independent commands as separate calls.\n"
    "- Raise `timeout` (seconds, default 120) for long builds or test suites; a command that runs past it "
    "is killed with its child processes.\n"
    "- Redirect very long output to a file and read the part you need with `read_file`.\n"
    "- When a command fails, read the whole output: the cause is often in the middle.\n"
    "\n"
    "Git safety: never run destructive git commands (`push --force`, `reset --hard`, `clean -f`, "
    "`branch -D`, `checkout .`) or skip hooks (`--no-verify`) unless the user asks; do not commit unless "
    "asked; stage files by name rather than `git add -A`, so secrets and binaries stay out. Check the target "
    "of a destructive command (`rm -rf`) before running it.\n"
    "\n"
    "Returns the output as is when the command succeeds, or `Command failed (exit code N):` followed by the "
    "output. A command that times out answers exit code 124; output beyond the size limit keeps its head "
    "and tail and ends with `... (output truncated)`.";

}  // namespace agent_backends::detail
