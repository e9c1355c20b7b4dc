# ctest `debpackage`: builds the .deb with CPack from the build tree, unpacks it with dpkg-deb and runs the
# unpacked binary's --version. Also checks the package's files, its Depends (from dpkg-shlibdeps) and
# validates the desktop entry and AppStream metadata as installed.
#   cmake -DBUILD_DIR=… -DCPACK=… -DVERSION=… -P check_debpackage.cmake
foreach(var BUILD_DIR CPACK VERSION)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "${var} is required")
    endif()
endforeach()

set(work "${BUILD_DIR}/debpackage-check")
file(REMOVE_RECURSE "${work}")
file(MAKE_DIRECTORY "${work}")

# gzip instead of xz: the same package contents, a few seconds faster for a test.
execute_process(
    COMMAND "${CPACK}" -G DEB --config "${BUILD_DIR}/CPackConfig.cmake" -B "${work}/out"
            -D CPACK_DEBIAN_COMPRESSION_TYPE=gzip
    WORKING_DIRECTORY "${BUILD_DIR}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cpack failed (${rc}):\n${out}\n${err}")
endif()
file(GLOB debs "${work}/out/*.deb")
list(LENGTH debs count)
if(NOT count EQUAL 1)
    message(FATAL_ERROR "expected one .deb in ${work}/out, found: ${debs}")
endif()
set(deb "${debs}")
get_filename_component(deb_name "${deb}" NAME)
if(NOT deb_name MATCHES "^open-spanner-console_${VERSION}_[a-z0-9]+\\.deb$")
    message(FATAL_ERROR "unexpected package file name ${deb_name}")
endif()

execute_process(COMMAND dpkg-deb -f "${deb}" Depends RESULT_VARIABLE rc OUTPUT_VARIABLE depends)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dpkg-deb -f failed on ${deb}")
endif()
foreach(library libqt6core6 libqt6widgets6 libqt6charts6 libqt6network6 libsqlite3-0 qt6-qpa-plugins)
    if(NOT depends MATCHES "${library}")
        message(FATAL_ERROR "Depends lacks ${library}: ${depends}")
    endif()
endforeach()

execute_process(COMMAND dpkg-deb -x "${deb}" "${work}/root" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dpkg-deb -x failed: ${err}")
endif()
set(desktop "${work}/root/usr/share/applications/org.openspanner.console.desktop")
set(metainfo "${work}/root/usr/share/metainfo/org.openspanner.console.metainfo.xml")
foreach(path
        usr/bin/open-spanner-console
        usr/share/applications/org.openspanner.console.desktop
        usr/share/icons/hicolor/scalable/apps/org.openspanner.console.svg
        usr/share/metainfo/org.openspanner.console.metainfo.xml)
    if(NOT EXISTS "${work}/root/${path}")
        message(FATAL_ERROR "the package does not install /${path}")
    endif()
endforeach()

# --version never opens a window, so it runs without a display.
execute_process(COMMAND "${work}/root/usr/bin/open-spanner-console" --version
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 30)
if(NOT rc EQUAL 0 OR NOT out STREQUAL "open-spanner-console ${VERSION}\n")
    message(FATAL_ERROR "unpacked binary --version: exit ${rc}, stdout '${out}', stderr '${err}'")
endif()

find_program(APPSTREAMCLI appstreamcli)
if(APPSTREAMCLI)
    execute_process(COMMAND "${APPSTREAMCLI}" validate --no-net "${metainfo}" RESULT_VARIABLE rc OUTPUT_VARIABLE out)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "appstreamcli validate failed:\n${out}")
    endif()
else()
    message(WARNING "appstreamcli not found (package appstream): metainfo not validated")
endif()
find_program(DESKTOP_FILE_VALIDATE desktop-file-validate)
if(DESKTOP_FILE_VALIDATE)
    execute_process(COMMAND "${DESKTOP_FILE_VALIDATE}" "${desktop}" RESULT_VARIABLE rc OUTPUT_VARIABLE out)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "desktop-file-validate failed:\n${out}")
    endif()
else()
    message(WARNING "desktop-file-validate not found (package desktop-file-utils): desktop entry not validated")
endif()

file(REMOVE_RECURSE "${work}")
message(STATUS "${deb_name}: installs the binary, desktop entry, icon and metainfo; --version works")
