// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DAYTONA_MULTIPART_FORM_HPP
#define AGENT_BACKENDS_TEST_FAKES_DAYTONA_MULTIPART_FORM_HPP

#include <optional>
#include <string>
#include <string_view>

namespace agent_backends::test::daytona_fake {

/// The content of the part named `field` of a `multipart/form-data` body whose `Content-Type` is
/// `content_type`; nothing when the type has no boundary, the body is malformed or has no such part.
std::optional<std::string> multipart_field(std::string_view content_type, std::string_view body,
                                           std::string_view field);

}  // namespace agent_backends::test::daytona_fake

#endif
