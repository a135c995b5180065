// Package files writes the files the node's commands produce (reports,
// exports, evidence bundles) so that a failed write or close is an error,
// never a short file taken for a whole one.
package files

import (
	"io"
	"os"
)

// Create writes a new file at path with write and closes it, reporting a
// failed write or close: a full disk can show at either.
func Create(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		_ = f.Close() // the write's error is the one to report
		return err
	}
	return f.Close()
}
