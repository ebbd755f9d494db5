// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "text/utf8.hpp"

namespace agent_backends::detail {

bool is_valid_utf8(std::string_view text) noexcept
{
    utf8_decoder decoder;
    auto sink = [](const char*, std::size_t) {};
    for (std::size_t i = 0; i < text.size() && decoder.replaced() == 0; ++i)
    {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80 && !decoder.mid_sequence())
            continue;  // ASCII needs no decoding
        decoder.feed(byte, sink);
    }
    decoder.flush(sink);
    return decoder.replaced() == 0;
}

std::string to_valid_utf8(std::string_view text)
{
    if (is_valid_utf8(text))
        return std::string(text);
    std::string out;
    out.reserve(text.size() + 16);
    utf8_decoder decoder;
    auto sink = [&](const char* bytes, std::size_t n) { out.append(bytes, n); };
    for (char c : text)
        decoder.feed(static_cast<unsigned char>(c), sink);
    decoder.flush(sink);
    return out;
}

}  // namespace agent_backends::detail
