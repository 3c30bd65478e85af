# hostile.cmake - tests of broken and hostile input (label "hostile").
#   test_regex_limits  every pattern of patterns/ on adversarial lines, and the
#                      PCRE2 limit plumbing
add_executable(test_regex_limits ${CMAKE_SOURCE_DIR}/tests/hostile/test_regex_limits.c)
target_link_libraries(test_regex_limits PRIVATE amcread_lib)
add_test(NAME hostile_regex COMMAND test_regex_limits ${CMAKE_SOURCE_DIR}/patterns)
set_tests_properties(hostile_regex PROPERTIES LABELS hostile)
