// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_HTTP_HTTP_HEADERS_HPP
#define AGENT_BACKENDS_HTTP_HTTP_HEADERS_HPP

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agent_backends {

/// \brief The header fields of an HTTP message, in order; names compare case-insensitively.
///
/// \details A plain list: a name may occur more than once (`add`), or be made unique (`set`).
/// \par Thread safety
/// Distinct objects: safe. Shared objects: unsafe.
class http_headers
{
public:
    using field = std::pair<std::string, std::string>;  ///< Name and value, as sent or received.
    using const_iterator = std::vector<field>::const_iterator;

    http_headers() = default;

    /// \brief Fields from a list, in its order: `{{"Content-Type", "application/json"}}`.
    http_headers(std::initializer_list<field> fields) : fields_(fields) {}

    /// \brief Appends a field, keeping any of the same name.
    void add(std::string name, std::string value);

    /// \brief Replaces every field of that name by one with this value (appended when absent).
    void set(std::string name, std::string value);

    /// \brief Removes every field of that name; returns how many.
    std::size_t erase(std::string_view name);

    /// \brief The value of the first field of that name, if any.
    std::optional<std::string_view> find(std::string_view name) const;

    /// \brief True if a field of that name is present.
    bool contains(std::string_view name) const { return find(name).has_value(); }

    const_iterator begin() const noexcept { return fields_.begin(); }
    const_iterator end() const noexcept { return fields_.end(); }
    std::size_t size() const noexcept { return fields_.size(); }
    bool empty() const noexcept { return fields_.empty(); }

    bool operator==(const http_headers&) const = default;

private:
    std::vector<field> fields_;
};

}  // namespace agent_backends

#endif
