// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_COMMON_HTTP_WIRE_HPP
#define AGENT_BACKENDS_TEST_FAKES_COMMON_HTTP_WIRE_HPP

// The HTTP/1.1 bits every fake server writes by hand (they write answers as text, so that faults can
// break them on purpose).

#include <string>
#include <string_view>

namespace agent_backends::test {

/// The reason phrase Go's net/http gives a status (Docker and Kubernetes are Go servers); "Status" for
/// one it does not know.
std::string reason_phrase(unsigned status);

/// Whether an answer with this status carries a body (not 1xx, 204 or 304).
bool status_has_body(unsigned status) noexcept;

/// The `Date` field's value for now (IMF-fixdate).
std::string http_date();

/// One chunk of a chunked body, and the last (empty) one.
std::string http_chunk(std::string_view data);
std::string last_http_chunk();

}  // namespace agent_backends::test

#endif
