// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_KUBERNETES_REPLIES_HPP
#define AGENT_BACKENDS_TEST_FAKES_KUBERNETES_REPLIES_HPP

// Answers as the API server writes them: JSON bodies with its header fields, `Status` objects for errors,
// chunked streams for watches, and the deliberately broken forms the faults send.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace agent_backends::test::kubernetes_fake {

/// An answer a route computed, written by the request loop.
struct reply
{
    unsigned status{200};
    std::string content_type{"application/json"};
    std::string body{};
    bool taken_over{false};  ///< The route wrote the answer itself (a watch, an exec).
    bool keep_alive{true};
};

reply json_reply(unsigned status, const boost::json::value& body);

/// A failure `Status` with `code` = `status` (see `failure_status`).
reply status_reply(unsigned status, std::string_view message, std::string_view reason = {},
                   boost::json::object details = {});

/// The whole response.
std::string serialize(const reply& r, bool close);

/// The status line and fields of a chunked `200` whose chunks follow.
std::string chunked_head(std::string_view content_type, bool close);


/// A body that does not parse as JSON (but looks like the start of an answer).
std::string invalid_json_body();

}  // namespace agent_backends::test::kubernetes_fake

#endif
