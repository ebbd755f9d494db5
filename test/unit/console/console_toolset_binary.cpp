// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// read_file returning images and documents as binary content.
#include "console_fixture.hpp"

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

using namespace agent_backends;
using agent_backends::test::console_on_memory;

namespace {

const std::string png_bytes = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);

console_options images_on()
{
    return {.image_support = true};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(console_binary_content)

BOOST_AUTO_TEST_CASE(image_is_returned_as_binary_content_with_its_mime_type)
{
    console_on_memory c({{"/pic.png", png_bytes},
                         {"/photo.JPG", "jpegdata"},
                         {"/a.jpeg", "j"},
                         {"/b.gif", "g"},
                         {"/c.webp", "w"}},
                        images_on());
    auto r = c.call("read_file", R"({"path": "pic.png"})");
    BOOST_TEST(!r.is_error);
    BOOST_REQUIRE(r.content.has_value());
    BOOST_TEST(r.content->mime_type == "image/png");
    BOOST_TEST(r.content->data == png_bytes);
    BOOST_TEST(r.text == "Read image 'pic.png' (image/png, 16 bytes)");

    BOOST_TEST(c.call("read_file", R"({"path": "photo.JPG"})").content->mime_type == "image/jpeg");
    BOOST_TEST(c.call("read_file", R"({"path": "a.jpeg"})").content->mime_type == "image/jpeg");
    BOOST_TEST(c.call("read_file", R"({"path": "b.gif"})").content->mime_type == "image/gif");
    BOOST_TEST(c.call("read_file", R"({"path": "c.webp"})").content->mime_type == "image/webp");
}

BOOST_AUTO_TEST_CASE(image_support_off_reads_images_as_files)
{
    console_on_memory c({{"/pic.png", png_bytes}});
    auto r = c.call("read_file", R"({"path": "pic.png"})");
    BOOST_TEST(!r.content.has_value());
    BOOST_TEST(r.text == "Error: 'pic.png' is a binary file (16 bytes)");
}

BOOST_AUTO_TEST_CASE(missing_or_empty_image_is_a_tool_error)
{
    console_on_memory c({{"/empty.png", ""}}, images_on());
    BOOST_TEST(c.error_text("read_file", R"({"path": "nope.png"})") ==
               "Error: Image file 'nope.png' not found or empty");
    BOOST_TEST(c.error_text("read_file", R"({"path": "empty.png"})") ==
               "Error: Image file 'empty.png' not found or empty");
}

BOOST_AUTO_TEST_CASE(oversized_image_is_refused_with_sizes_in_megabytes)
{
    console_on_memory c({{"/big.png", std::string(1536 * 1024, 'x')}},
                        {.image_support = true, .max_image_bytes = 1024 * 1024});
    BOOST_TEST(c.error_text("read_file", R"({"path": "big.png"})") ==
               "Error: Image 'big.png' too large (1.5MB, max 1.0MB)");
}

BOOST_AUTO_TEST_CASE(directory_named_like_an_image_is_not_taken_for_one)
{
    console_on_memory c({{"/shots.png/big.bin", std::string(2 * 1024 * 1024, 'x')}},
                        {.image_support = true, .max_image_bytes = 1024 * 1024});
    BOOST_TEST(c.error_text("read_file", R"({"path": "shots.png"})") == "Error: 'shots.png' is a directory");
}

BOOST_AUTO_TEST_CASE(pdf_is_returned_as_a_document_when_enabled)
{
    console_on_memory on({{"/doc.pdf", "%PDF-1.7\n..."}}, {.document_support = true});
    auto r = on.call("read_file", R"({"path": "doc.pdf"})");
    BOOST_REQUIRE(r.content.has_value());
    BOOST_TEST(r.content->mime_type == "application/pdf");
    BOOST_TEST(r.content->data == "%PDF-1.7\n...");
    BOOST_TEST(r.text == "Read document 'doc.pdf' (application/pdf, 12 bytes)");
    BOOST_TEST(on.error_text("read_file", R"({"path": "gone.pdf"})") ==
               "Error: Document file 'gone.pdf' not found or empty");

    console_on_memory small({{"/doc.pdf", std::string(3 * 1024 * 1024, 'x')}},
                            {.document_support = true, .max_document_bytes = 2 * 1024 * 1024});
    BOOST_TEST(small.error_text("read_file", R"({"path": "doc.pdf"})") ==
               "Error: Document 'doc.pdf' too large (3.0MB, max 2.0MB)");

    console_on_memory off({{"/doc.pdf", "%PDF-1.7\n..."}}, images_on());
    auto text = off.call("read_file", R"({"path": "doc.pdf"})");
    BOOST_TEST(!text.content.has_value());
    BOOST_TEST(text.text == "     1\t%PDF-1.7\n     2\t...");
}

BOOST_AUTO_TEST_CASE(images_are_returned_in_hashline_mode_too)
{
    console_on_memory c({{"/pic.png", png_bytes}},
                        {.edit_format = edit_format::hashline, .image_support = true});
    BOOST_TEST(c.call("read_file", R"({"path": "pic.png"})").content->data == png_bytes);
}

BOOST_AUTO_TEST_SUITE_END()
