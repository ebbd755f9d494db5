// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_TEXT_UTF8_HPP
#define AGENT_BACKENDS_SRC_TEXT_UTF8_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// U+FFFD, the replacement character, in UTF-8.
inline constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

/// Decodes UTF-8 fed in pieces of any size, passing each code point (as its bytes) to a sink; every maximal
/// invalid subsequence becomes one U+FFFD, as Python's `errors="replace"` does. The sink is called as
/// `sink(const char* bytes, std::size_t n)` with one whole code point.
class utf8_decoder
{
public:
    template <class Sink>
    void feed(unsigned char byte, Sink& sink)
    {
        if (need_ != 0)
        {
            if (byte >= lower_ && byte <= upper_)
            {
                pending_[size_++] = static_cast<char>(byte);
                lower_ = 0x80;
                upper_ = 0xBF;
                if (--need_ == 0)
                {
                    sink(pending_, size_);
                    size_ = 0;
                }
                return;
            }
            flush(sink);  // the sequence was cut short: it stands for one replacement character
        }
        if (byte < 0x80)
        {
            char c = static_cast<char>(byte);
            sink(&c, 1);
            return;
        }
        if (!start_sequence(byte))
        {
            ++replaced_;
            sink(replacement_character.data(), replacement_character.size());
            return;
        }
        pending_[0] = static_cast<char>(byte);
        size_ = 1;
    }

    /// Ends a truncated sequence (at the end of a line or of the data) with a replacement character.
    template <class Sink>
    void flush(Sink& sink)
    {
        if (need_ == 0)
            return;
        need_ = 0;
        size_ = 0;
        ++replaced_;
        sink(replacement_character.data(), replacement_character.size());
    }

    /// True between the first and the last byte of a multi-byte sequence.
    bool mid_sequence() const noexcept { return need_ != 0; }

    /// How many replacement characters stood in for invalid input so far.
    std::size_t replaced() const noexcept { return replaced_; }

private:
    bool start_sequence(unsigned char lead) noexcept
    {
        lower_ = 0x80;
        upper_ = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF)
            need_ = 1;
        else if (lead >= 0xE0 && lead <= 0xEF)
        {
            need_ = 2;
            if (lead == 0xE0)
                lower_ = 0xA0;  // no overlong forms
            else if (lead == 0xED)
                upper_ = 0x9F;  // no surrogates
        }
        else if (lead >= 0xF0 && lead <= 0xF4)
        {
            need_ = 3;
            if (lead == 0xF0)
                lower_ = 0x90;
            else if (lead == 0xF4)
                upper_ = 0x8F;  // nothing above U+10FFFF
        }
        else
            return false;
        return true;
    }

    char pending_[4]{};
    std::size_t size_{0};
    int need_{0};
    unsigned char lower_{0x80};
    unsigned char upper_{0xBF};
    std::size_t replaced_{0};
};

/// Whether `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text) noexcept;

/// `text` with every invalid sequence replaced by U+FFFD (returned unchanged when valid).
std::string to_valid_utf8(std::string_view text);

}  // namespace agent_backends::detail

#endif
