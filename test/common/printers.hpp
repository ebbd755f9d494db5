// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_PRINTERS_HPP
#define AGENT_BACKENDS_TEST_PRINTERS_HPP

// Stream operators so Boost.Test can print our types in failed assertions.
#include <agent_backends/error.hpp>
#include <agent_backends/types.hpp>

#include <ostream>

namespace agent_backends {

inline std::ostream& operator<<(std::ostream& os, errc e) { return os << make_error_code(e).message(); }

inline std::ostream& operator<<(std::ostream& os, const file_info& f)
{
    os << "{" << f.name << ", " << f.path << ", dir=" << f.is_dir;
    if (f.size)
        os << ", size=" << *f.size;
    return os << "}";
}

inline std::ostream& operator<<(std::ostream& os, const grep_match& m)
{
    return os << m.path << ":" << m.line_number << ":" << m.line;
}

inline std::ostream& operator<<(std::ostream& os, const execute_response& r)
{
    os << "{exit=";
    if (r.exit_code)
        os << *r.exit_code;
    else
        os << "none";
    return os << ", truncated=" << r.truncated << ", output=" << r.output << "}";
}

}  // namespace agent_backends

#endif
