// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "permissions/permission_guarded_command.hpp"

#include <agent_backends/permissions/permission_error.hpp>

#include <agent_backends/detail/virtual_path.hpp>

#include <cstdlib>
#include <optional>

namespace agent_backends::detail {
namespace {

bool is_separator(char c)
{
    switch (c)
    {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
        case ';':
        case '|':
        case '&':
        case '<':
        case '>':
        case '(':
        case ')':
        case '`':
            return true;
        default:
            return false;
    }
}

// Besides the usual path shapes, a word starting with `.` is a dotfile (`.env`, `.npmrc`) far more often
// than anything else, and dotfiles are what secret rules protect.
bool looks_like_path(std::string_view word)
{
    return word.starts_with('/') || word.starts_with('.') || word.starts_with('~') ||
           word.find('/') != std::string_view::npos;
}

// Words with quotes and backslashes removed, the way the shell would pass them (no expansion).
std::vector<std::string> shell_words(std::string_view command)
{
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    auto finish = [&] {
        if (in_word)
            words.push_back(std::move(word));
        word.clear();
        in_word = false;
    };
    for (std::size_t i = 0; i < command.size(); ++i)
    {
        const char c = command[i];
        if (c == '\'' || c == '"')
        {
            auto close = command.find(c, i + 1);
            if (close == std::string_view::npos)
                close = command.size();
            word.append(command.substr(i + 1, close - i - 1));
            in_word = true;
            i = close;
        }
        else if (c == '\\' && i + 1 < command.size())
        {
            word += command[++i];
            in_word = true;
        }
        else if (is_separator(c))
            finish();
        else
        {
            word += c;
            in_word = true;
        }
    }
    finish();
    return words;
}

}  // namespace

std::vector<std::string> path_words(std::string_view command)
{
    std::vector<std::string> out;
    for (auto& word : shell_words(command))
    {
        // `--file=/etc/passwd`, `OUT=./x`: the value is a path too.
        auto eq = word.find('=');
        if (eq != std::string::npos && looks_like_path(std::string_view(word).substr(eq + 1)))
            out.push_back(word.substr(eq + 1));
        if (looks_like_path(word))
            out.push_back(std::move(word));
    }
    return out;
}

std::string resolve_command_path(std::string_view path, std::string_view base, std::string_view home)
{
    std::string joined;
    if (path.starts_with('/'))
        joined = path;
    else if (!home.empty() && (path == "~" || path.starts_with("~/")))
        joined = std::string(home) + "/" + std::string(path.substr(1));
    else
        joined = std::string(base.empty() ? "/" : base) + "/" + std::string(path);
    return lexically_normal_absolute(joined);
}

void refuse_protected_paths(const permission_checker& rules, std::string_view command,
                            std::string_view working_dir)
{
    const char* home_env = std::getenv("HOME");
    const std::string_view home = home_env ? home_env : "";
    for (const auto& word : path_words(command))
    {
        for (const auto& target : {word, resolve_command_path(word, working_dir, home)})
        {
            for (auto op : {permission_operation::read, permission_operation::write})
            {
                if (rules.check_sync(op, target) != permission_action::deny)
                    continue;
                const permission_rule* rule = rules.find_matching_rule(op, target);
                throw permission_error::denied(op, target,
                                               rule ? std::optional<permission_rule>(*rule) : std::nullopt);
            }
        }
    }
}

}  // namespace agent_backends::detail
