// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/docker/routes.hpp"
#include "sandboxes/tar_archive.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <sstream>

namespace json = boost::json;

namespace agent_backends::test::docker_fake {
namespace {

std::string line(json::object o)
{
    return json::serialize(o);
}

std::string stream_line(std::string text)
{
    return line({{"stream", std::move(text)}});
}

std::string repository_of(std::string_view tag)
{
    auto colon = tag.rfind(':');
    auto slash = tag.rfind('/');
    if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash))
        tag = tag.substr(0, colon);
    return std::string(tag);
}

// The instructions of a Dockerfile: continuation lines joined, comments and blank lines dropped.
std::vector<std::string> instructions(std::string_view dockerfile)
{
    std::vector<std::string> out;
    std::string current;
    std::istringstream in{std::string(dockerfile)};
    for (std::string text; std::getline(in, text);)
    {
        if (!text.empty() && text.back() == '\r')
            text.pop_back();
        if (auto indent = text.find_first_not_of(" \t"); indent != std::string::npos && text[indent] == '#')
            continue;  // comments go, even inside a continued instruction
        bool continues = !text.empty() && text.back() == '\\';
        if (continues)
            text.pop_back();
        auto first = text.find_first_not_of(" \t");
        auto last = text.find_last_not_of(" \t");
        if (first != std::string::npos)
            current += (current.empty() ? "" : " ") + text.substr(first, last - first + 1);
        if (!continues && !current.empty())
            out.push_back(std::exchange(current, {}));
    }
    if (!current.empty())
        out.push_back(current);
    return out;
}

std::string base_image_of(const std::string& from)
{
    std::istringstream words(from);
    std::string word;
    words >> word;  // FROM
    while (words >> word)
        if (word.rfind("--", 0) != 0)
            return word;
    return {};
}

std::string strip_dot_slash(std::string name)
{
    while (name.rfind("./", 0) == 0)
        name.erase(0, 2);
    return name;
}

}  // namespace

task<reply> inspect_image(exchange& ex)
{
    std::string name;
    for (std::size_t i = 1; i + 1 < ex.segments.size(); ++i)
        name += (i == 1 ? "" : "/") + ex.segments[i];
    std::lock_guard lock(ex.state().mutex);
    auto* image = ex.state().find_image(name);
    if (!image)
        co_return error_reply(404, "No such image: " + engine_state::full_tag(name));
    co_return json_reply(
        200, json::object{{"Id", image->id},
                          {"RepoTags", json::array{json::value(image->tag)}},
                          {"RepoDigests", json::array{}},
                          {"Created", image->created},
                          {"Size", 0},
                          {"Os", "linux"},
                          {"Architecture", "amd64"},
                          {"Config", json::object{{"Cmd", json::array{"sh"}},
                                                  {"Env", json::array{"PATH=/usr/local/sbin:/usr/local/bin:"
                                                                      "/usr/sbin:/usr/bin:/sbin:/bin"}},
                                                  {"WorkingDir", ""},
                                                  {"Labels", nullptr}}}});
}

task<reply> pull_image(exchange& ex)
{
    auto from = ex.param("fromImage");
    if (from.empty())
        co_return error_reply(400, "fromImage must be given: the fake engine does not import images");
    auto tag = ex.param("tag");
    auto full = tag.empty() ? engine_state::full_tag(from) : repository_of(from) + ":" + tag;
    auto short_tag = full.substr(full.rfind(':') + 1);
    auto layer = engine_state::random_id().substr(0, 12);
    std::vector<std::string> lines{
        line({{"status", "Pulling from " + repository_of(full)}, {"id", short_tag}})};
    std::string failure;
    {
        std::lock_guard lock(ex.state().mutex);
        failure = ex.state().pull_failure;
        if (failure.empty())
            ex.state().add_image(full);
    }
    if (!failure.empty())
    {
        lines.push_back(error_line(failure));
        co_return stream_reply(std::move(lines));
    }
    lines.push_back(
        line({{"status", "Pulling fs layer"}, {"progressDetail", json::object{}}, {"id", layer}}));
    lines.push_back(
        line({{"status", "Downloading"},
              {"progressDetail", json::object{{"current", 1024}, {"total", 2048}}},
              {"progress", "[=========================>                         ]  1.024kB/2.048kB"},
              {"id", layer}}));
    lines.push_back(
        line({{"status", "Download complete"}, {"progressDetail", json::object{}}, {"id", layer}}));
    lines.push_back(line({{"status", "Pull complete"}, {"progressDetail", json::object{}}, {"id", layer}}));
    lines.push_back(line({{"status", "Digest: sha256:" + engine_state::random_id()}}));
    lines.push_back(line({{"status", "Status: Downloaded newer image for " + full}}));
    co_return stream_reply(std::move(lines));
}

task<reply> build_image(exchange& ex)
{
    const auto& body = ex.request.body();
    if (body.size() >= 2 && static_cast<unsigned char>(body[0]) == 0x1f &&
        static_cast<unsigned char>(body[1]) == 0x8b)
        co_return stream_reply({error_line("the fake Docker engine reads uncompressed build contexts only")});
    std::error_code ec;
    auto entries = agent_backends::detail::read_tar(body, ec);
    if (ec)
        co_return stream_reply({error_line("Error processing tar file(exit status 1): unexpected EOF")});
    auto dockerfile_name = strip_dot_slash(ex.param("dockerfile", "Dockerfile"));
    const agent_backends::detail::tar_entry* dockerfile = nullptr;
    for (const auto& entry : entries)
        if (!entry.is_dir && strip_dot_slash(entry.name) == dockerfile_name)
            dockerfile = &entry;
    if (!dockerfile)
        co_return stream_reply({error_line("Cannot locate specified Dockerfile: " + dockerfile_name)});

    auto steps = instructions(dockerfile->content);
    std::vector<std::string> lines;
    std::string failure;
    {
        std::lock_guard lock(ex.state().mutex);
        failure = ex.state().build_failure;
    }
    for (std::size_t i = 0; i < steps.size(); ++i)
    {
        lines.push_back(stream_line("Step " + std::to_string(i + 1) + "/" + std::to_string(steps.size()) +
                                    " : " + steps[i] + "\n"));
        if (!failure.empty())
        {
            lines.push_back(error_line(failure));
            co_return stream_reply(std::move(lines));
        }
        lines.push_back(stream_line(" ---> " + engine_state::random_id().substr(0, 12) + "\n"));
    }
    auto id = "sha256:" + engine_state::random_id();
    lines.push_back(line({{"aux", json::object{{"ID", id}}}}));
    lines.push_back(stream_line("Successfully built " + id.substr(7, 12) + "\n"));
    {
        std::lock_guard lock(ex.state().mutex);
        for (const auto& step : steps)
            if (step.size() > 5 && (step.rfind("FROM ", 0) == 0 || step.rfind("from ", 0) == 0))
                if (auto base = base_image_of(step);
                    !base.empty() && base != "scratch" && !ex.state().find_image(base))
                    ex.state().add_image(base);  // the engine pulls a missing base image
        for (const auto& tag : ex.params("t"))
        {
            ex.state().add_image(tag, id);
            lines.push_back(stream_line("Successfully tagged " + engine_state::full_tag(tag) + "\n"));
        }
    }
    co_return stream_reply(std::move(lines));
}

}  // namespace agent_backends::test::docker_fake
