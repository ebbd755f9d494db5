// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_DOCKER_ENGINE_STATE_HPP
#define AGENT_BACKENDS_TEST_FAKES_DOCKER_ENGINE_STATE_HPP

// What the fake engine knows: images, containers, execs, armed faults, the request log. One mutex guards
// all of it (the control API runs on the test's thread, the server on its own); it is never held across a
// suspension.
#include "fakes/docker/fake_docker_engine.hpp"
#include "fakes/common/fault_plan.hpp"
#include "fakes/common/host_process.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::test::docker_fake {

struct image_record
{
    std::string id;   ///< `sha256:<64 hex>`.
    std::string tag;  ///< `name:tag`.
    std::string created;
};

struct bind_mount
{
    std::string host_path;
    std::string container_path;
};

enum class exec_phase
{
    created,
    running,
    exited,
};

struct exec_record
{
    std::string id;
    std::string container_id;
    std::vector<std::string> cmd;
    std::vector<std::string> env;
    std::string working_dir;  ///< Container path; empty: the container's.
    std::string user;
    bool attach_stdin{false};
    bool attach_stdout{true};
    bool attach_stderr{true};
    bool tty{false};
    exec_phase phase{exec_phase::created};
    std::optional<int> exit_code{};
    std::int64_t pid{0};
};

struct container_record
{
    std::string id;
    std::string name;
    std::string image;
    std::string image_id;
    std::string create_body;
    boost::json::object config;       ///< The create body without `HostConfig` and `NetworkingConfig`.
    boost::json::object host_config;  ///< `HostConfig` as received.
    std::vector<std::string> env;
    std::map<std::string, std::string> labels;
    std::string working_dir{"/"};
    std::vector<bind_mount> binds;
    std::string root_dir;  ///< Host directory for the container's file system.
    std::string status{"created"};
    int exit_code{0};
    std::uint64_t exits{0};  ///< How many times it went from running to exited.
    std::string created_at;
    std::string started_at{"0001-01-01T00:00:00Z"};
    std::string finished_at{"0001-01-01T00:00:00Z"};
    std::shared_ptr<container_group> group;  ///< Set while running.
    std::vector<std::string> exec_ids;

    bool running() const noexcept { return status == "running"; }
};

class engine_state
{
public:
    explicit engine_state(fake_docker_options opts);
    ~engine_state();  // removes the containers' directories
    engine_state(const engine_state&) = delete;
    engine_state& operator=(const engine_state&) = delete;

    const fake_docker_options options;

    mutable std::mutex mutex;

    // ---- everything below: hold `mutex` ----

    std::map<std::string, container_record> containers;  ///< By id.
    std::map<std::string, exec_record> execs;            ///< By id.
    std::vector<image_record> images;
    fault_plan faults;
    std::deque<fake_request> requests;
    std::string pull_failure;
    std::string build_failure;

    /// By id, unique id prefix, or name (with or without the leading `/`).
    container_record* find_container(std::string_view id_or_name);
    image_record* find_image(std::string_view name_or_id);

    /// Adds the tag (replacing an older image of that tag) and returns the image.
    image_record& add_image(std::string_view name, std::string id = {});

    /// Creates the directory standing for a new container's file system.
    std::string make_root_dir(std::string_view id);

    /// The host path of `path` in the container (binds first, else below its root directory).
    std::string host_path(const container_record& c, std::string_view path) const;

    void log_request(fake_request r);

    /// Marks a container stopped with `exit_code`; its process group is killed.
    void mark_exited(container_record& c, int exit_code);

    // ---- stateless ----

    /// 64 random hex digits, as the engine's ids.
    static std::string random_id();

    /// The current time as RFC 3339 with nanoseconds, as the engine writes it.
    static std::string now_rfc3339();

    /// `name` with `:latest` added when it has no tag.
    static std::string full_tag(std::string_view name);

private:
    std::string root_;  // parent of every container directory
};

}  // namespace agent_backends::test::docker_fake

#endif
