# cmake -DLUPDATE=... -DPROJECT_GENERATOR=... -DPROJECT_CMAKE=... -DTS=.../payops_de.ts -DWORK=... -P this file
# Runs lupdate on a copy of the German translation, as `--target update_translations` would on the original, and
# fails if a message would come out untranslated: a string marked for translation since the .ts was last updated, or
# one lupdate found but nobody translated. The checked-in file is not touched.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
get_filename_component(name "${TS}" NAME)
file(COPY "${TS}" DESTINATION "${WORK}")
execute_process(COMMAND "${CMAKE_COMMAND}" "-DIN_FILE=${PROJECT_CMAKE}" "-DOUT_FILE=${WORK}/project.json"
                        -P "${PROJECT_GENERATOR}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cannot write the lupdate project (${rc}): ${out}${err}")
endif()
execute_process(COMMAND "${LUPDATE}" -project "${WORK}/project.json" -no-obsolete -locations none -silent -ts "${WORK}/${name}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${rc}): ${out}${err}")
endif()
file(READ "${WORK}/${name}" ts)
string(REPLACE ";" "__SEMICOLON__" ts "${ts}") # a CMake list separator otherwise (&quot; is in many messages)
string(REGEX MATCHALL "<source>[^<]*</source>[ \r\n]*(<comment>[^<]*</comment>[ \r\n]*)?<translation type=\"unfinished\""
       missing "${ts}")
list(LENGTH missing count)
if(count GREATER 0)
    string(REPLACE ";" "\n" missing "${missing}")
    string(REPLACE "__SEMICOLON__" ";" missing "${missing}")
    message(FATAL_ERROR "${count} message(s) of ${name} untranslated; run `cmake --build --preset dev --target "
                        "update_translations` and translate them:\n${missing}")
endif()
message(STATUS "${name}: every message translated")
