// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_ERROR_HPP
#define AGENT_BACKENDS_ERROR_HPP

#include <boost/system/error_code.hpp>
#include <boost/system/system_error.hpp>

#include <string>
#include <type_traits>

namespace agent_backends {

/// \brief Why an operation failed. Category name: `"agent_backends"`.
enum class errc
{
    not_found = 1,      ///< The file or directory does not exist.
    is_directory,       ///< A file operation was given a directory.
    not_unique,         ///< `old_string` occurs more than once and `replace_all` is off.
    no_match,           ///< `old_string` does not occur.
    escapes_root,       ///< The path leads outside the workspace root.
    permission_denied,  ///< The operating system or a permission rule refused the operation.
    invalid_argument,   ///< A malformed argument: bad regex or glob, NUL byte in a path, offset past the end.
    too_large,          ///< The result or the file exceeds a size limit.
    timed_out,          ///< One of our own deadlines fired.
    unavailable,        ///< The service behind the backend cannot be reached or is not enabled.
    protocol_error,     ///< A peer sent something that does not follow its protocol.
    is_binary,          ///< A text operation was given a binary file.
    not_supported,      ///< The backend does not offer this operation.
};

/// \brief The error category of \ref errc.
const boost::system::error_category& error_category() noexcept;

/// \brief Makes an `error_code` of \ref errc (found by argument-dependent lookup).
inline boost::system::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), error_category()};
}

/// \brief The exception every public operation throws.
/// \details Carries an \ref errc and a message written for a model to read: what failed, on which path or
/// command, and what to do next. `what()` returns that message alone, without the category text, so
/// the console tools can show it verbatim after `"Error: "`.
class error : public boost::system::system_error
{
public:
    error(errc code, std::string message);

    /// \brief The model-facing message.
    const char* what() const noexcept override { return message_.c_str(); }

    /// \brief The model-facing message.
    const std::string& message() const noexcept { return message_; }

    /// \brief The failure kind as an \ref errc.
    errc condition() const noexcept { return static_cast<errc>(code().value()); }

private:
    std::string message_;
};

}  // namespace agent_backends

namespace boost::system {
template <>
struct is_error_code_enum<agent_backends::errc> : std::true_type
{
};
}  // namespace boost::system

#endif
