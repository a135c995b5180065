package cmd

import (
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// A node home missing what the load needs is refused, naming the file or
// the endpoint at fault, before any key is looked for.
func TestLoadNodeRefusesIncompleteHomes(t *testing.T) {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closed := lis.Addr().String()
	require.NoError(t, lis.Close())

	root := NewRootCmd()
	root.SetContext(t.Context())
	const clientToml = `node = "tcp://127.0.0.1:26657"` + "\n"
	appToml := func(addr string) string { return "[grpc]\nenable = true\naddress = \"" + addr + "\"\n" }
	for _, c := range []struct {
		name          string
		client, appTo string // "" leaves the file out (both: no config directory)
		want          string
	}{
		{"no config", "", "", "client.toml"},
		{"no app.toml", clientToml, "", "app.toml"},
		{"client.toml not TOML", "node = [", appToml(closed), "client.toml"},
		{"app.toml not TOML", clientToml, "[grpc\naddress = 1", "app.toml"},
		{"no node", "chain-id = \"x\"\n", appToml(closed), "client.toml names no node or app.toml no grpc.address"},
		{"empty node", "node = \"\"\n", appToml(closed), "client.toml names no node"},
		{"no gRPC address", clientToml, "[grpc]\nenable = true\n", "app.toml no grpc.address"},
		{"gRPC not listening", clientToml, appToml(closed), "node info from " + closed},
	} {
		t.Run(c.name, func(t *testing.T) {
			home := t.TempDir()
			for name, content := range map[string]string{"client.toml": c.client, "app.toml": c.appTo} {
				if content != "" {
					require.NoError(t, os.MkdirAll(filepath.Join(home, "config"), 0o700))
					require.NoError(t, os.WriteFile(filepath.Join(home, "config", name), []byte(content), 0o600))
				}
			}
			_, err := loadNode(root, home, "operator")
			require.ErrorContains(t, err, c.want)
		})
	}
}

// load run names the home it could not use, among several.
func TestLoadRunNamesTheHomeAtFault(t *testing.T) {
	good, bad := t.TempDir(), filepath.Join(t.TempDir(), "missing")
	require.NoError(t, os.MkdirAll(filepath.Join(good, "config"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(good, "config", "client.toml"), []byte("node = \"\"\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(good, "config", "app.toml"), []byte("[grpc]\n"), 0o600))
	_, err := runRoot(t, "load", "run", "anchor", "--homes", bad+","+good)
	require.ErrorContains(t, err, "node home "+bad+": ")
	_, err = runRoot(t, "load", "run", "anchor", "--homes", good+","+bad)
	require.ErrorContains(t, err, "node home "+good+": client.toml names no node")
}
