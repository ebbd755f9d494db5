// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>

#include <utility>

namespace agent_backends {
namespace {

class category final : public boost::system::error_category
{
public:
    const char* name() const noexcept override { return "agent_backends"; }

    std::string message(int ev) const override
    {
        switch (static_cast<errc>(ev))
        {
        case errc::not_found: return "not found";
        case errc::is_directory: return "is a directory";
        case errc::not_unique: return "string is not unique";
        case errc::no_match: return "string not found";
        case errc::escapes_root: return "path escapes the workspace root";
        case errc::permission_denied: return "permission denied";
        case errc::invalid_argument: return "invalid argument";
        case errc::too_large: return "too large";
        case errc::timed_out: return "timed out";
        case errc::unavailable: return "unavailable";
        case errc::protocol_error: return "protocol error";
        case errc::is_binary: return "binary file";
        case errc::not_supported: return "not supported";
        }
        return "unknown agent_backends error";
    }
};

}  // namespace

const boost::system::error_category& error_category() noexcept
{
    static const category instance;
    return instance;
}

error::error(errc code, std::string message)
    : boost::system::system_error(make_error_code(code)), message_(std::move(message))
{
}

}  // namespace agent_backends
