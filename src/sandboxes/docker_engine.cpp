// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>

#include "sandboxes/docker_engine_core.hpp"
#include "sandboxes/docker_exec_stream.hpp"
#include "sandboxes/docker_json.hpp"

#include <array>
#include <utility>

namespace asio = boost::asio;

namespace agent_backends {
namespace {

using core_ptr = std::shared_ptr<detail::docker_engine_core>;
using detail::url_escape;

// The public methods take views; the coroutines below own copies, made when the method is called (a
// coroutine body runs only once awaited, after the caller's buffers may be gone).

constexpr std::size_t error_body_limit = 64 * 1024;
constexpr std::size_t progress_line_limit = 8 * 1024 * 1024;

std::string line_of(const http_request& req)
{
    return req.method + " " + req.target;
}

http_request json_post(std::string target, std::string body)
{
    return {.method = "POST",
            .target = std::move(target),
            .headers = {{"Content-Type", "application/json"}},
            .body = std::move(body)};
}

// Reads the rest of a refused response's body and throws the engine's error.
task<void> refuse_stream(detail::docker_engine_core& core, http_response_stream& stream, std::string line,
                         std::string subject = {})
{
    auto res = stream.response();
    res.body = co_await stream.read_all(error_body_limit);
    core.refuse(res, line, subject);
}

// Calls `on_line` with each line of a JSON progress stream (pull, build).
template <class OnLine>
task<void> read_progress(detail::docker_engine_core& core, http_response_stream& stream,
                         const std::string& line, OnLine on_line)
{
    std::array<char, 16 * 1024> buffer;
    std::string pending;
    auto deliver = [&](std::string_view text) {
        while (!text.empty() && (text.back() == '\r' || text.back() == ' '))
            text.remove_suffix(1);
        if (text.empty())
            return;
        auto parsed = detail::progress_line_of(text);
        if (!parsed)
            core.malformed(line, "a progress line is not a JSON object: " + std::string(text.substr(0, 200)));
        on_line(*parsed);
    };
    for (;;)
    {
        auto n = co_await stream.read_some(buffer);
        if (n == 0)
            break;
        pending.append(buffer.data(), n);
        std::size_t start = 0;
        for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n', start))
        {
            deliver(std::string_view(pending).substr(start, nl - start));
            start = nl + 1;
        }
        pending.erase(0, start);
        if (pending.size() > progress_line_limit)
            core.malformed(
                line, "a progress line is longer than " + std::to_string(progress_line_limit) + " bytes");
    }
    deliver(pending);
}

// `name[:tag]` or `name@digest` as `fromImage` and `tag`; a registry port (`host:5000/x`) is not a tag.
std::pair<std::string, std::string> split_image(const std::string& image)
{
    if (image.find('@') != std::string::npos)
        return {image, ""};
    auto colon = image.rfind(':');
    auto slash = image.rfind('/');
    if (colon == std::string::npos || (slash != std::string::npos && colon < slash))
        return {image, "latest"};
    return {image.substr(0, colon), image.substr(colon + 1)};
}

std::string short_id(const std::string& id)
{
    return id.substr(0, 12);
}

task<bool> image_exists_of(core_ptr core, std::string image)
{
    http_request req{.target = "/images/" + url_escape(image) + "/json"};
    auto res = co_await core->send(req);
    if (res.status == 200)
        co_return true;
    if (res.status == 404)
        co_return false;
    core->refuse(res, line_of(req));
}

task<void> pull_image_of(core_ptr core, std::string image)
{
    auto [from, tag] = split_image(image);
    std::string target = "/images/create?fromImage=" + url_escape(from);
    if (!tag.empty())
        target += "&tag=" + url_escape(tag);
    http_request req{.method = "POST", .target = std::move(target)};
    auto stream = co_await core->open(req);
    if (stream.status() != 200)
        co_await refuse_stream(*core, stream, line_of(req));
    std::optional<std::string> failure;
    co_await read_progress(*core, stream, line_of(req), [&](const detail::progress_line& p) {
        if (p.error && !failure)
            failure = *p.error;
    });
    if (failure)
        throw error(errc::unavailable, "Docker engine: pulling " + image + " failed: " + *failure);
}

task<std::string> build_image_of(core_ptr core, std::string tag, std::string context,
                                 std::function<void(std::string_view)> on_output)
{
    http_request req{.method = "POST",
                     .target = "/build?t=" + url_escape(tag) + "&version=1&rm=1&forcerm=1",
                     .headers = {{"Content-Type", "application/x-tar"}},
                     .body = std::move(context)};
    auto stream = co_await core->open(req);
    if (stream.status() != 200)
        co_await refuse_stream(*core, stream, line_of(req));
    std::optional<std::string> failure;
    std::string id;
    std::string log;  // stream text not yet ending in a newline
    auto emit_lines = [&](bool all) {
        std::size_t start = 0;
        for (auto nl = log.find('\n'); nl != std::string::npos; nl = log.find('\n', start))
        {
            if (on_output)
                on_output(std::string_view(log).substr(start, nl - start));
            start = nl + 1;
        }
        log.erase(0, start);
        if (all && !log.empty())
        {
            if (on_output)
                on_output(log);
            log.clear();
        }
    };
    co_await read_progress(*core, stream, line_of(req), [&](const detail::progress_line& p) {
        if (p.error && !failure)
            failure = *p.error;
        if (p.aux_id)
            id = *p.aux_id;
        if (p.stream)
        {
            log += *p.stream;
            emit_lines(false);
        }
    });
    emit_lines(true);
    if (failure)
    {
        while (!failure->empty() && (failure->back() == '\n' || failure->back() == '\r'))
            failure->pop_back();
        throw error(errc::unavailable, "Docker engine: building " + tag + " failed: " + *failure);
    }
    if (id.empty())
    {
        // Engines that report no `aux` id: the tag now names the image.
        http_request inspect{.target = "/images/" + url_escape(tag) + "/json"};
        auto res = co_await core->send(inspect);
        if (res.status != 200)
            core->refuse(res, line_of(inspect));
        auto found = detail::id_of(res.body);
        if (!found)
            core->malformed(line_of(inspect), "no image Id");
        id = *found;
    }
    co_return id;
}

// A create request (container or exec): 201 with `{"Id": ...}`.
task<std::string> create_for_id(core_ptr core, http_request req, std::string_view what)
{
    auto res = co_await core->send(req);
    if (res.status != 201 && res.status != 200)
        core->refuse(res, line_of(req));
    auto id = detail::id_of(res.body);
    if (!id)
        core->malformed(line_of(req), "no " + std::string(what) + " Id");
    co_return *id;
}

task<std::string> create_container_of(core_ptr core, container_spec spec)
{
    std::string target = "/containers/create";
    if (!spec.name.empty())
        target += "?name=" + url_escape(spec.name);
    co_return co_await create_for_id(std::move(core), json_post(target, detail::container_create_body(spec)),
                                     "container");
}

task<void> start_container_of(core_ptr core, std::string id)
{
    http_request req{.method = "POST", .target = "/containers/" + url_escape(id) + "/start"};
    auto res = co_await core->send(req);
    if (res.status != 204 && res.status != 304 && res.status != 200)
        core->refuse(res, line_of(req));
}

task<container_state> inspect_container_of(core_ptr core, std::string id)
{
    http_request req{.target = "/containers/" + url_escape(id) + "/json"};
    auto res = co_await core->send(req);
    if (res.status != 200)
        core->refuse(res, line_of(req));
    auto state = detail::container_state_of(res.body);
    if (!state)
        core->malformed(line_of(req), "no State object");
    co_return *state;
}

task<void> stop_container_of(core_ptr core, std::string id, std::chrono::seconds grace)
{
    http_request req{.method = "POST",
                     .target = "/containers/" + url_escape(id) + "/stop?t=" + std::to_string(grace.count())};
    // The engine answers only once the container is down: allow the grace period and some more.
    req.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(grace) + std::chrono::seconds(60);
    auto res = co_await core->send(req);
    if (res.status != 204 && res.status != 304 && res.status != 200)
        core->refuse(res, line_of(req));
}

task<bool> remove_container_of(core_ptr core, std::string id, bool force)
{
    http_request req{
        .method = "DELETE",
        .target = "/containers/" + url_escape(id) + "?v=true&force=" + (force ? "true" : "false")};
    auto res = co_await core->send(req);
    if (res.status == 404)
        co_return false;
    if (res.status != 204 && res.status != 200)
        core->refuse(res, line_of(req));
    co_return true;
}

task<std::string> create_exec_of(core_ptr core, std::string container_id, exec_spec spec)
{
    co_return co_await create_for_id(
        std::move(core),
        json_post("/containers/" + url_escape(container_id) + "/exec", detail::exec_create_body(spec)), "exec");
}

task<exec_stream> start_exec_of(core_ptr core, std::string exec_id)
{
    auto req = json_post("/exec/" + url_escape(exec_id) + "/start", R"({"Detach":false,"Tty":false})");
    auto stream = co_await core->upgrade(req);
    if (!stream.is_open())
        core->refuse(stream.response(), line_of(req));
    co_return exec_stream(std::make_unique<detail::exec_stream_state>(std::move(stream), std::move(exec_id)));
}

task<exec_state> inspect_exec_of(core_ptr core, std::string exec_id)
{
    http_request req{.target = "/exec/" + url_escape(exec_id) + "/json"};
    auto res = co_await core->send(req);
    if (res.status != 200)
        core->refuse(res, line_of(req));
    auto state = detail::exec_state_of(res.body);
    if (!state)
        core->malformed(line_of(req), "the body is not a JSON object");
    co_return *state;
}

// How an archive refusal names what it was about.
std::string archive_subject(const std::string& container_id, const std::string& path)
{
    return path + " in container " + short_id(container_id);
}

std::string archive_target(const std::string& container_id, const std::string& path)
{
    return "/containers/" + url_escape(container_id) + "/archive?path=" + url_escape(path);
}

task<void> put_archive_of(core_ptr core, std::string container_id, std::string dir, std::string tar)
{
    http_request req{.method = "PUT",
                     .target = archive_target(container_id, dir) + "&noOverwriteDirNonDir=true",
                     .headers = {{"Content-Type", "application/x-tar"}},
                     .body = std::move(tar)};
    auto res = co_await core->send(req);
    if (res.status != 200 && res.status != 204)
        core->refuse(res, line_of(req), archive_subject(container_id, dir));
}

task<std::string> get_archive_of(core_ptr core, std::string container_id, std::string path,
                                 std::size_t max_bytes)
{
    http_request req{.target = archive_target(container_id, path)};
    auto stream = co_await core->open(req);
    if (stream.status() != 200)
        co_await refuse_stream(*core, stream, line_of(req), archive_subject(container_id, path));
    std::string tar;
    std::array<char, 64 * 1024> buffer;
    for (;;)
    {
        auto n = co_await stream.read_some(buffer);
        if (n == 0)
            break;
        if (tar.size() + n > max_bytes)
            throw error(errc::too_large, "The archive of " + path + " in container " +
                                             short_id(container_id) + " is larger than " +
                                             std::to_string(max_bytes) + " bytes");
        tar.append(buffer.data(), n);
    }
    co_return tar;
}

task<std::optional<container_path_stat>> stat_path_of(core_ptr core, std::string container_id,
                                                      std::string path)
{
    http_request req{.method = "HEAD", .target = archive_target(container_id, path)};
    auto res = co_await core->send(req);
    if (res.status == 404)
        co_return std::nullopt;
    if (res.status != 200)
        core->refuse(res, line_of(req), archive_subject(container_id, path));
    auto header = res.headers.find("X-Docker-Container-Path-Stat");
    if (!header)
        core->malformed(line_of(req), "no X-Docker-Container-Path-Stat header");
    auto stat = detail::path_stat_of(*header);
    if (!stat)
        core->malformed(line_of(req), "X-Docker-Container-Path-Stat is not base64 of a JSON object");
    co_return stat;
}

}  // namespace

docker_engine::docker_engine(asio::any_io_executor ex, http_endpoint endpoint, docker_engine_options opts)
    : core_(std::make_shared<detail::docker_engine_core>(std::move(ex), std::move(endpoint), std::move(opts)))
{}

docker_engine::~docker_engine() = default;
docker_engine::docker_engine(docker_engine&&) noexcept = default;
docker_engine& docker_engine::operator=(docker_engine&&) noexcept = default;

task<docker_engine_info> docker_engine::ping()
{
    return [](core_ptr core) -> task<docker_engine_info> { co_return co_await core->ping(); }(core_);
}

task<bool> docker_engine::image_exists(std::string_view image)
{
    return image_exists_of(core_, std::string(image));
}

task<void> docker_engine::pull_image(std::string_view image)
{
    return pull_image_of(core_, std::string(image));
}

task<std::string> docker_engine::build_image(std::string_view tag, std::string context_tar,
                                             std::function<void(std::string_view)> on_output)
{
    return build_image_of(core_, std::string(tag), std::move(context_tar), std::move(on_output));
}

task<std::string> docker_engine::create_container(const container_spec& spec)
{
    return create_container_of(core_, spec);
}

task<void> docker_engine::start_container(std::string_view id)
{
    return start_container_of(core_, std::string(id));
}

task<container_state> docker_engine::inspect_container(std::string_view id)
{
    return inspect_container_of(core_, std::string(id));
}

task<void> docker_engine::stop_container(std::string_view id, std::chrono::seconds grace)
{
    return stop_container_of(core_, std::string(id), grace);
}

task<bool> docker_engine::remove_container(std::string_view id, bool force)
{
    return remove_container_of(core_, std::string(id), force);
}

task<std::string> docker_engine::create_exec(std::string_view container_id, const exec_spec& spec)
{
    return create_exec_of(core_, std::string(container_id), spec);
}

task<exec_stream> docker_engine::start_exec(std::string_view exec_id)
{
    return start_exec_of(core_, std::string(exec_id));
}

task<exec_state> docker_engine::inspect_exec(std::string_view exec_id)
{
    return inspect_exec_of(core_, std::string(exec_id));
}

task<void> docker_engine::put_archive(std::string_view container_id, std::string_view dir, std::string tar)
{
    return put_archive_of(core_, std::string(container_id), std::string(dir), std::move(tar));
}

task<std::string> docker_engine::get_archive(std::string_view container_id, std::string_view path,
                                             std::size_t max_bytes)
{
    return get_archive_of(core_, std::string(container_id), std::string(path), max_bytes);
}

task<std::optional<container_path_stat>> docker_engine::stat_path(std::string_view container_id,
                                                                  std::string_view path)
{
    return stat_path_of(core_, std::string(container_id), std::string(path));
}

const http_endpoint& docker_engine::endpoint() const noexcept
{
    return core_->endpoint();
}

asio::any_io_executor docker_engine::get_executor() const noexcept
{
    return core_->get_executor();
}

}  // namespace agent_backends
