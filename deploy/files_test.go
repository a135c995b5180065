package deploy_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

// nodes are the local consortium's nodes in localnet.sh's order: node i is
// at 10.210.S.(i+1) in namespace mode (S = 0 for port offset 0).
var nodes = []string{"hospital-a", "hospital-b", "hospital-c", "hospital-d", "regulator"}

// readFile reads the file at the joined path, failing the test if it cannot.
func readFile(t *testing.T, path ...string) []byte {
	t.Helper()
	bz, err := os.ReadFile(filepath.Join(path...))
	require.NoError(t, err)
	return bz
}

func readYAML(t *testing.T, path string, out any) {
	t.Helper()
	require.NoError(t, yaml.Unmarshal(readFile(t, path), out), path)
}

// The compose file runs every node of the consortium as its own host, at the
// address testnet/localnet.sh generate writes into the others' peer lists,
// from homes that script generates; Prometheus scrapes those addresses.
func TestComposeRunsTheGeneratedConsortium(t *testing.T) {
	var compose struct {
		Services map[string]struct {
			Command  any `json:"command"`
			Networks map[string]struct {
				IPv4 string `json:"ipv4_address"`
			} `json:"networks"`
		} `json:"services"`
		Networks map[string]struct {
			IPAM struct {
				Config []struct {
					Subnet  string `json:"subnet"`
					Gateway string `json:"gateway"`
				} `json:"config"`
			} `json:"ipam"`
		} `json:"networks"`
	}
	readYAML(t, "compose.yml", &compose)
	ipam := compose.Networks["medchain"].IPAM.Config
	require.Len(t, ipam, 1)
	require.Equal(t, "10.210.0.0/24", ipam[0].Subnet)
	require.NotEqual(t, "10.210.0.1", ipam[0].Gateway, "the gateway must not take hospital-a's address")

	var prom struct {
		ScrapeConfigs []struct {
			StaticConfigs []struct {
				Targets []string `json:"targets"`
			} `json:"static_configs"`
		} `json:"scrape_configs"`
	}
	readYAML(t, filepath.Join("prometheus", "prometheus.yml"), &prom)
	var targets []string
	for _, sc := range prom.ScrapeConfigs {
		for _, st := range sc.StaticConfigs {
			targets = append(targets, st.Targets...)
		}
	}

	for i, name := range nodes {
		svc, ok := compose.Services[name]
		require.True(t, ok, "compose runs %s", name)
		ip := fmt.Sprintf("10.210.0.%d", i+1)
		require.Equal(t, ip, svc.Networks["medchain"].IPv4, name)
		require.Equal(t, []any{"start", "--home", "/net/consortium/" + name}, svc.Command, name)
		require.Contains(t, targets, ip+":26660", "Prometheus scrapes %s's CometBFT metrics", name)
		require.Contains(t, targets, ip+":1317", "Prometheus scrapes %s's medchain metrics", name)
	}
	genesis := fmt.Sprint(compose.Services["genesis"].Command)
	require.Contains(t, genesis, "LOCALNET_NETNS=1")
	// generate starts by deleting LOCALNET_HOME: never the volume's mount point.
	require.Contains(t, genesis, "LOCALNET_HOME=/net/consortium ")
	require.Contains(t, genesis, "localnet.sh generate")

	script := readFile(t, "..", "testnet", "localnet.sh")
	require.Contains(t, string(script), `host() { if [ "$NETNS" = 1 ]; then echo "10.210.$S.$(($1 + 1))"`,
		"localnet.sh still puts node i at .(i+1)")
	require.Contains(t, string(script), "generate) generate;")
}

// The image is built by `make release`, and the unit runs the node as an
// unprivileged user that can write only its home.
func TestDockerfileAndUnit(t *testing.T) {
	docker := readFile(t, "..", "Dockerfile")
	require.Contains(t, string(docker), "RUN make release")
	require.Contains(t, string(docker), "COPY --from=build /src/build/release/medchaind")
	require.Contains(t, string(docker), "USER medchain")
	// The image runs localnet.sh (the compose genesis service): every file
	// it sources from its own directory is in the image beside it.
	script := readFile(t, "..", "testnet", "localnet.sh")
	sourced := regexp.MustCompile(`(?m)^source "\$\(dirname "\$\{BASH_SOURCE\[0\]\}"\)/([^"]+)"`).FindAllStringSubmatch(string(script), -1)
	require.NotEmpty(t, sourced)
	for _, m := range sourced {
		require.Contains(t, string(docker), "COPY --from=build /src/testnet/"+m[1]+" /opt/medchain/testnet/"+m[1], "the image lacks %s, which localnet.sh sources", m[1])
	}

	unit := readFile(t, "systemd", "medchaind.service")
	for _, line := range []string{"User=medchain", "Restart=on-failure", "ProtectSystem=strict", "ReadWritePaths=/var/lib/medchain", "KillSignal=SIGTERM"} {
		require.Contains(t, strings.Split(string(unit), "\n"), line)
	}
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		return // the directives above are what can be checked without systemd
	}
	// systemd-analyze checks every directive; ExecStart must name a binary
	// that exists here.
	tmp := filepath.Join(t.TempDir(), "medchaind.service")
	require.NoError(t, os.WriteFile(tmp, []byte(strings.ReplaceAll(string(unit), "/usr/local/bin/cosmovisor", "/bin/true")), 0o600))
	out, err := exec.Command(analyze, "verify", tmp).CombinedOutput()
	require.NoError(t, err, string(out))
	require.Empty(t, strings.TrimSpace(string(out)), "systemd-analyze verify finds nothing to say")
}
