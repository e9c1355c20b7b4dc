# The headless-only build (-DOSC_GUI=OFF) configures, and its open-spanner-console links no Qt Widgets,
# Charts or Gui: configure only (seconds), so it fits the normal suite; scripts/build.sh --headless-only
# builds it for real. Arguments: ROOT (source), BUILD_DIR (scratch, wiped), GENERATOR.
file(REMOVE_RECURSE "${BUILD_DIR}")
execute_process(
    COMMAND ${CMAKE_COMMAND} -S "${ROOT}" -B "${BUILD_DIR}" -G "${GENERATOR}" -DCMAKE_BUILD_TYPE=Release
        -DOSC_GUI=OFF -DBUILD_TESTING=OFF
    RESULT_VARIABLE configured OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT configured EQUAL 0)
    message(FATAL_ERROR "cmake -DOSC_GUI=OFF failed to configure:\n${output}")
endif()

# Not even looked for: the package configs of the GUI modules are never loaded.
file(STRINGS "${BUILD_DIR}/CMakeCache.txt" guiPackages REGEX "^Qt6(Widgets|Charts|Gui|LinguistTools)_DIR:")
if(guiPackages)
    message(FATAL_ERROR "the headless-only build looked for GUI packages:\n${guiPackages}")
endif()

set(ninjaFile "${BUILD_DIR}/build.ninja")
if(NOT EXISTS "${ninjaFile}")
    message(FATAL_ERROR "no ${ninjaFile}: this check reads Ninja's build file (configure with -G Ninja)")
endif()
file(READ "${ninjaFile}" ninja)
# The app's link statement: "build app/open-spanner-console: CXX_EXECUTABLE_LINKER..." and its indented
# variables (LINK_LIBRARIES holds the libraries).
string(REGEX MATCH "\nbuild app/open-spanner-console: CXX_EXECUTABLE_LINKER[^\n]*(\n  [^\n]*)*" link "${ninja}")
if(NOT link MATCHES "LINK_LIBRARIES = [^\n]*libspanner_http\\.a")
    message(FATAL_ERROR "no link step of open-spanner-console with spanner_http in ${ninjaFile}")
endif()
if(link MATCHES "Qt6(Widgets|Charts|Gui|OpenGL)|spanner_ui")
    message(FATAL_ERROR "open-spanner-console (-DOSC_GUI=OFF) links GUI libraries:\n${link}")
endif()
# Nor is any other target of that build a GUI one (ui/, its tests, translations).
if(ninja MATCHES "libQt6(Widgets|Charts|Gui)|spanner_ui")
    message(FATAL_ERROR "the headless-only build still builds GUI targets (see ${ninjaFile})")
endif()
file(REMOVE_RECURSE "${BUILD_DIR}")
message(STATUS "headless-only build: configures, open-spanner-console links no Qt Widgets/Charts/Gui")
