// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "console/tool_examples.hpp"

namespace agent_backends::detail {

// The project the examples refer to: src/app.py is
//   1 import os            (hash ed)
//   3 DEBUG = True         (hash 8f)
//   6 def main():          (hash 08)
//   7     print("hello")   (hash 0a)
//   8     return 0         (hash 93)
// with blank lines between and a `__main__` guard at the end (12 lines).

std::vector<std::string> ls_examples()
{
    return {
        R"js({})js",
        R"js({"path": "src"})js",
    };
}

std::vector<std::string> read_file_examples()
{
    return {
        R"js({"path": "src/app.py"})js",
        R"js({"path": "/src/app.py", "offset": 5, "limit": 3})js",
    };
}

std::vector<std::string> write_file_examples()
{
    return {
        R"js({"path": "notes/todo.md", "content": "# TODO\n\n- add tests for main()\n"})js",
        R"js({"path": "/src/config.json", "content": "{\n  \"debug\": false\n}\n"})js",
    };
}

std::vector<std::string> edit_file_examples()
{
    return {
        R"js({"path": "src/app.py", "old_string": "    print(\"hello\")", )js"
        R"js("new_string": "    print(\"hello, world\")"})js",
        R"js({"path": "src/app.py", "old_string": "DEBUG = True", "new_string": "DEBUG = False", )js"
        R"js("replace_all": true})js",
    };
}

std::vector<std::string> hashline_edit_examples()
{
    return {
        R"js({"path": "src/app.py", "start_line": 7, "start_hash": "0a", )js"
        R"js("new_content": "    print(\"hello, world\")"})js",
        R"js({"path": "src/app.py", "start_line": 6, "start_hash": "08", "end_line": 8, "end_hash": "93", )js"
        R"js("new_content": "def main():\n    return run()"})js",
        R"js({"path": "src/app.py", "start_line": 1, "start_hash": "ed", "new_content": "import sys", )js"
        R"js("insert_after": true})js",
        R"js({"path": "src/app.py", "start_line": 3, "start_hash": "8f", "new_content": ""})js",
    };
}

std::vector<std::string> glob_examples()
{
    return {
        R"js({"pattern": "**/*.py"})js",
        R"js({"pattern": "**/*.{js,ts,tsx}", "path": "src"})js",
    };
}

std::vector<std::string> grep_examples()
{
    return {
        R"js({"pattern": "def \\w+\\("})js",
        R"js({"pattern": "TODO|FIXME", "path": "src", "glob_pattern": "*.py", "output_mode": "content"})js",
        R"js({"pattern": "import", "output_mode": "count", "ignore_hidden": false})js",
    };
}

std::vector<std::string> execute_examples()
{
    return {
        R"js({"command": "git status --short"})js",
        R"js({"command": "python -m pytest -q tests/", "timeout": 300})js",
    };
}

}  // namespace agent_backends::detail
