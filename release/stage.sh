#!/usr/bin/env bash
# Stages a release of the three published modules into target/staging-deploy, exactly as it would
# be uploaded to Maven Central, checks it against Central's rules (release/CheckStaging.java) and
# zips it as a Central Portal bundle (target/central-bundle.zip). Uploads nothing.
# Signs when MAVEN_GPG_KEY holds an armoured secret key (MAVEN_GPG_PASSPHRASE if it has one).
# Tests are not run here: stage what CI has tested.
set -euo pipefail
cd "$(dirname "$0")/.."
# clean: the agent extension shades its own last build otherwise.
./mvnw -B -ntp -q -Prelease -DskipTests clean deploy \
  -pl checkly-otel-autoconfigure,checkly-otel-starter,checkly-otel-javaagent-extension -am
java release/CheckStaging.java target/staging-deploy
