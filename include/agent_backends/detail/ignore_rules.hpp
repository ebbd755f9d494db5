// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_IGNORE_RULES_HPP
#define AGENT_BACKENDS_DETAIL_IGNORE_RULES_HPP

#include <agent_backends/detail/glob_pattern.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

namespace agent_backends::detail {

/// What an ignore file says about a path.
enum class ignore_verdict : std::uint8_t
{
    none,       ///< No rule matches.
    ignore,     ///< The last matching rule ignores it.
    whitelist,  ///< The last matching rule is a negation (`!pattern`).
};

/// The rules of one `.gitignore`, `.ignore` or `.git/info/exclude` file, read as git, ripgrep and fd
/// read them: `#` comments, trailing spaces dropped unless escaped, `!` negation, a trailing `/` for
/// directories only, a pattern with a leading or inner `/` anchored to the file's directory (one without
/// `/` matches a name at any depth), `**`, `\` escapes. The last matching rule wins.
///
/// \par Thread safety
/// `match` may be called from several threads at once.
class ignore_file
{
public:
    ignore_file() = default;

    /// Parses the file's content; lines that are not valid globs are skipped, as ripgrep does.
    explicit ignore_file(std::string_view content);

    /// The verdict for `path`, relative to the directory holding the file (`/`-separated).
    ignore_verdict match(std::string_view path, bool is_dir) const noexcept;

    bool empty() const noexcept { return rules_.empty(); }

private:
    struct rule
    {
        glob_pattern pattern;
        bool negated;
        bool dir_only;
    };
    std::vector<rule> rules_;
};

}  // namespace agent_backends::detail

#endif
