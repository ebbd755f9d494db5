// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#define BOOST_TEST_MODULE agent_backends
#include <boost/test/unit_test.hpp>
