# fuzz.cmake - libFuzzer targets (clang only), included when AMC_FUZZ=ON.
#
#   cmake --preset fuzz && cmake --build build-fuzz && scripts/fuzz.sh 60
#
# The library's objects are instrumented for coverage (fuzzer-no-link) so
# that libFuzzer sees inside the code it drives; the targets link libFuzzer's
# main. ASan and UBSan come from the preset's CMAKE_C_FLAGS. Each target also
# becomes a CTest test (label "fuzz") that runs it for AMC_FUZZ_SECONDS.
if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "AMC_FUZZ needs clang's libFuzzer: configure with 'cmake --preset fuzz'")
endif()
if(NOT CMAKE_C_FLAGS MATCHES "-fsanitize=[^ ]*address")
  message(FATAL_ERROR "AMC_FUZZ wants ASan in CMAKE_C_FLAGS: configure with 'cmake --preset fuzz'")
endif()
set(AMC_FUZZ_SECONDS 30 CACHE STRING "seconds per fuzz target in the CTest 'fuzz' tests")

target_compile_options(amcread_obj PRIVATE -fsanitize=fuzzer-no-link)

set(AMC_FUZZ_TARGETS gate checks extract patterns)
foreach(t ${AMC_FUZZ_TARGETS})
  add_executable(fuzz_${t} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_${t}.c
                           ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_common.c)
  target_compile_options(fuzz_${t} PRIVATE ${AMC_WARN} -fsanitize=fuzzer)
  target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer)
  target_link_libraries(fuzz_${t} PRIVATE amcread_lib)
  target_compile_definitions(fuzz_${t} PRIVATE
    AMC_FUZZ_PATTERNS="${CMAKE_CURRENT_SOURCE_DIR}/patterns")
  if(AMC_BUILD_TESTS)
    add_test(NAME fuzz_${t}
             COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/scripts/fuzz.sh -b ${CMAKE_BINARY_DIR}
                     ${AMC_FUZZ_SECONDS} ${t})
    math(EXPR _limit "${AMC_FUZZ_SECONDS} * 3 + 240")
    set_tests_properties(fuzz_${t} PROPERTIES LABELS fuzz TIMEOUT ${_limit})
  endif()
endforeach()
