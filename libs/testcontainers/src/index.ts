// @mintfax/testcontainers: the mintfax platform for other teams' integration suites.
export { startMintfaxPlatform, type MintfaxPlatformOptions, type StartedMintfaxPlatform } from './mintfax-platform';
