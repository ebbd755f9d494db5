// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_INTEGRATION_PROGRAM_RUN_HPP
#define AGENT_BACKENDS_TEST_INTEGRATION_PROGRAM_RUN_HPP

// Runs a program as a real child process: stdin from a string, stdout and stderr captured apart.
#include "common/temp_dir.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace agent_backends::test {

struct program_output
{
    int exit_code{-1};  ///< Exit status, or 128 + signal number.
    std::string out;    ///< Standard output.
    std::string err;    ///< Standard error.
};

inline std::ostream& operator<<(std::ostream& os, const program_output& r)
{
    return os << "{exit=" << r.exit_code << ", out=" << r.out << ", err=" << r.err << "}";
}

struct program_options
{
    std::string cwd{};         ///< Empty: the test's working directory.
    std::string stdin_text{};  ///< Written to standard input.
};

/// A started child; its output goes to files in a private directory (no pipe can fill up).
class program_run
{
public:
    program_run(const std::vector<std::string>& argv, const program_options& opts = {})
    {
        files_.write("stdin", opts.stdin_text);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        auto in = (files_.path() / "stdin").string();
        auto out = (files_.path() / "stdout").string();
        auto err = (files_.path() / "stderr").string();
        posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (!opts.cwd.empty())
            posix_spawn_file_actions_addchdir_np(&actions, opts.cwd.c_str());
        std::vector<char*> args;
        for (const auto& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0)
            throw std::runtime_error("posix_spawn " + argv[0] + ": " + std::strerror(rc));
    }

    ~program_run()
    {
        if (pid_ > 0)
        {
            ::kill(pid_, SIGKILL);
            int status = 0;
            ::waitpid(pid_, &status, 0);
        }
    }

    program_run(const program_run&) = delete;
    program_run& operator=(const program_run&) = delete;

    pid_t pid() const noexcept { return pid_; }

    /// What the child has written to standard output so far.
    std::string output_so_far() const { return files_.read("stdout"); }

    /// Waits for the child to exit and returns what it wrote.
    program_output wait()
    {
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR)
        {}
        pid_ = -1;
        program_output r;
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        r.out = files_.read("stdout");
        r.err = files_.read("stderr");
        return r;
    }

private:
    temp_dir files_;
    pid_t pid_{-1};
};

/// Runs a program to completion.
inline program_output run_program(const std::vector<std::string>& argv, const program_options& opts = {})
{
    return program_run(argv, opts).wait();
}

}  // namespace agent_backends::test

#endif
