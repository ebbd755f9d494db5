// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The one translation unit that compiles Asio, Beast and Boost.Process v2 (separate compilation).
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
#include <boost/process/v2/src.hpp>
