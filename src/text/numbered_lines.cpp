// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/numbered_lines.hpp>
#include <agent_backends/error.hpp>

#include "text/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <vector>

namespace agent_backends::detail {
namespace {

/// How much of a source is pulled at a time.
constexpr std::size_t chunk_bytes = 64 * 1024;

/// The default `limit`: a read with another limit or a non-zero offset asked for an explicit range.
constexpr std::size_t default_limit = read_options{}.limit;

/// 1234567 -> "1,234,567" (Python's `{n:,}`).
std::string with_thousands_separators(std::size_t n)
{
    auto digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i)
    {
        if (i != 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

/// The rendered text, counted in code points: it keeps the first `max_read_chars` of them and only counts
/// the rest, so memory stays bounded however long the slice is.
class bounded_text
{
public:
    void ascii(const char* bytes, std::size_t n)
    {
        if (chars_ < max_read_chars)
            text_.append(bytes, std::min(n, max_read_chars - chars_));
        chars_ += n;
    }

    void ascii(std::string_view s) { ascii(s.data(), s.size()); }

    /// One whole code point.
    void operator()(const char* bytes, std::size_t n)
    {
        if (chars_ < max_read_chars)
            text_.append(bytes, n);
        ++chars_;
    }

    std::size_t chars() const noexcept { return chars_; }
    std::string& text() noexcept { return text_; }

private:
    std::string text_;
    std::size_t chars_{0};
};

/// Walks a byte stream once: skips `offset` lines, renders the next `limit` ones, counts the rest.
class numbered_renderer
{
public:
    explicit numbered_renderer(read_options opts) : opts_(opts)
    {
        if (opts_.offset == 0)
            phase_ = opts_.limit == 0 ? phase::counting : phase::rendering;
    }

    void feed(const char* p, std::size_t n)
    {
        const char* const end = p + n;
        while (p != end)
        {
            switch (phase_)
            {
            case phase::skipping: p = skip(p, end); break;
            case phase::rendering: p = render(p, end); break;
            case phase::counting: p = count(p, end); break;
            }
        }
    }

    std::string finish()
    {
        if (phase_ == phase::rendering && line_open_)
            close_line();
        else if (phase_ != phase::rendering && partial_line_)
            ++lines_seen_;
        const std::size_t total = lines_seen_;
        if (total == 0)
            return "(empty file)";
        if (opts_.offset >= total)
            throw error(errc::invalid_argument, "Offset " + std::to_string(opts_.offset) +
                                                    " exceeds file length (" + std::to_string(total) +
                                                    " lines)");
        const std::size_t remaining = total - opts_.offset - rendered_;
        if (remaining != 0)
            out_.ascii("\n\n... (" + std::to_string(remaining) + " more lines)");
        return apply_ceiling();
    }

private:
    enum class phase
    {
        skipping,
        rendering,
        counting
    };

    const char* skip(const char* p, const char* end)
    {
        auto nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        if (!nl)
        {
            partial_line_ = true;
            return end;
        }
        partial_line_ = false;
        if (++lines_seen_ == opts_.offset)
            phase_ = opts_.limit == 0 ? phase::counting : phase::rendering;
        return nl + 1;
    }

    const char* count(const char* p, const char* end)
    {
        while (p != end)
        {
            auto nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
            if (!nl)
            {
                partial_line_ = true;
                return end;
            }
            ++lines_seen_;
            partial_line_ = false;
            p = nl + 1;
        }
        return end;
    }

    const char* render(const char* p, const char* end)
    {
        if (!line_open_)
            open_line();
        auto nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        line_text(p, nl ? nl : end);
        if (!nl)
            return end;
        close_line();
        if (rendered_ == opts_.limit)
            phase_ = phase::counting;
        return nl + 1;
    }

    void open_line()
    {
        // "\n" between lines, then the number right-aligned in six columns and a tab (as `cat -n`). Written
        // by hand: this runs once per line of every read.
        char prefix[32];
        char* p = prefix;
        if (rendered_ != 0)
            *p++ = '\n';
        char digits[24];
        auto [end, ec] = std::to_chars(digits, digits + sizeof digits, opts_.offset + rendered_ + 1);
        (void)ec;  // 24 digits hold any std::size_t
        for (auto width = end - digits; width < 6; ++width)
            *p++ = ' ';
        p = std::copy(digits, end, p);
        *p++ = '\t';
        out_.ascii(prefix, static_cast<std::size_t>(p - prefix));
        line_open_ = true;
    }

    // Text of the open line up to (not including) its `\n`, possibly in pieces. A `\r` is held back until
    // the next byte shows whether it ends the line.
    void line_text(const char* p, const char* end)
    {
        while (p != end)
        {
            if (!pending_cr_ && !decoder_.mid_sequence())
            {
                const char* run = p;
                while (run != end && static_cast<unsigned char>(*run) < 0x80 && *run != '\r')
                    ++run;
                out_.ascii(p, static_cast<std::size_t>(run - p));
                p = run;
                if (p == end)
                    break;
            }
            auto byte = static_cast<unsigned char>(*p++);
            if (byte == '\r')
            {
                decoder_.flush(out_);
                if (pending_cr_)
                    out_.ascii("\r", 1);
                pending_cr_ = true;
                continue;
            }
            if (pending_cr_)
            {
                out_.ascii("\r", 1);
                pending_cr_ = false;
            }
            decoder_.feed(byte, out_);
        }
    }

    void close_line()
    {
        decoder_.flush(out_);
        pending_cr_ = false;  // a `\r` before the line end is part of the ending, not of the text
        line_open_ = false;
        ++rendered_;
        ++lines_seen_;
    }

    std::string apply_ceiling()
    {
        if (out_.chars() <= max_read_chars)
            return std::move(out_.text());
        if (opts_.offset != 0 || opts_.limit != default_limit)
            throw error(errc::too_large, "The requested range is too large to return (" +
                                             with_thousands_separators(out_.chars()) +
                                             " chars, limit 200,000). Read a smaller slice with a lower "
                                             "`limit`, or use `grep` to locate the part you need.");
        return std::move(out_.text()) + "\n\n... (truncated at 200,000 chars \xE2\x80\x94 pass a smaller "
                                        "`limit`/`offset` or use `grep` to read the rest)";
    }

    read_options opts_;
    phase phase_{phase::skipping};
    std::size_t lines_seen_{0};  // lines complete so far, in every phase
    std::size_t rendered_{0};    // lines rendered
    bool partial_line_{false};   // bytes seen after the last `\n` (skipping and counting phases)
    bool line_open_{false};      // a rendered line has started and not yet ended
    bool pending_cr_{false};
    utf8_decoder decoder_;
    bounded_text out_;
};

}  // namespace

std::string render_numbered_lines(const byte_source& source, read_options opts)
{
    numbered_renderer renderer(opts);
    std::vector<char> buf(chunk_bytes);
    while (auto n = source(buf.data(), buf.size()))
        renderer.feed(buf.data(), n);
    return renderer.finish();
}

std::string render_numbered_lines(std::string_view content, read_options opts)
{
    numbered_renderer renderer(opts);
    renderer.feed(content.data(), content.size());
    return renderer.finish();
}

}  // namespace agent_backends::detail
