# hostile.cmake - tests of broken and hostile input (label "hostile").
#   test_regex_limits  every pattern of patterns/ on adversarial lines, and the
#                      PCRE2 limit plumbing
add_executable(test_regex_limits ${CMAKE_SOURCE_DIR}/tests/hostile/test_regex_limits.c)
target_link_libraries(test_regex_limits PRIVATE amcread_lib)
add_test(NAME hostile_regex COMMAND test_regex_limits ${CMAKE_SOURCE_DIR}/patterns)
set_tests_properties(hostile_regex PROPERTIES LABELS hostile)

#   mkhostile          writes the corpus of broken and hostile files (and the
#                      small valid files that seed fuzz_gate)
#   test_hostile.sh    amcread read on each: exit code, stdout, stderr, time, memory
pkg_check_modules(HOSTILE_DEPS REQUIRED IMPORTED_TARGET lept libjpeg zlib)
add_executable(mkhostile ${CMAKE_SOURCE_DIR}/tests/hostile/mkhostile.c)
target_compile_options(mkhostile PRIVATE ${AMC_WARN})
target_link_libraries(mkhostile PRIVATE PkgConfig::HOSTILE_DEPS)
add_test(NAME hostile_corpus COMMAND sh ${CMAKE_SOURCE_DIR}/tests/hostile/test_hostile.sh
         ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR}/samples)
set_tests_properties(hostile_corpus PROPERTIES LABELS hostile ENVIRONMENT "${AMC_TEST_ENV}"
                     TIMEOUT 1800)

#   test_decode        load.c/decode.c on the corpus, in process: silence on
#                      stderr, gate/load agreement, pixels of CMYK and 16-bit
add_executable(test_decode ${CMAKE_SOURCE_DIR}/tests/hostile/test_decode.c)
target_link_libraries(test_decode PRIVATE amcread_lib)
add_test(NAME hostile_decode
         COMMAND sh -c "d=$(mktemp -d) && \"$1\" \"$d\" && \"$2\" \"$d\"; rc=$?; rm -rf \"$d\"; exit $rc"
                 sh $<TARGET_FILE:mkhostile> $<TARGET_FILE:test_decode>)
set_tests_properties(hostile_decode PROPERTIES LABELS hostile)

#   test_privacy       the progress log holds no value read unless asked
#                      (sample-003: read right, not in known-misreads.txt)
add_executable(test_privacy ${CMAKE_SOURCE_DIR}/tests/hostile/test_privacy.c)
target_link_libraries(test_privacy PRIVATE amcread_lib)
add_test(NAME hostile_privacy COMMAND test_privacy ${CMAKE_SOURCE_DIR}/samples/sample-003.png
         ${CMAKE_SOURCE_DIR}/samples/sample-003.expected.json)
set_tests_properties(hostile_privacy PROPERTIES LABELS hostile ENVIRONMENT "${AMC_TEST_ENV}")

#   test_fuzz_regressions  the fuzzers' findings, kept as tests
add_executable(test_fuzz_regressions ${CMAKE_SOURCE_DIR}/tests/hostile/test_fuzz_regressions.c)
target_link_libraries(test_fuzz_regressions PRIVATE amcread_lib)
add_test(NAME hostile_fuzz_regressions COMMAND test_fuzz_regressions ${CMAKE_SOURCE_DIR}/patterns)
set_tests_properties(hostile_fuzz_regressions PROPERTIES LABELS hostile)
