package enums_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/medchain/medchain/internal/enums"
)

// color stands in for a generated protobuf enum.
type color int32

var (
	colorName  = map[int32]string{0: "COLOR_UNSPECIFIED", 1: "COLOR_RED", 2: "COLOR_DEEP_BLUE", 3: "COLOR_GREEN"}
	colorValue = map[string]int32{"COLOR_UNSPECIFIED": 0, "COLOR_RED": 1, "COLOR_DEEP_BLUE": 2, "COLOR_GREEN": 3}
)

func TestParseAcceptsShortFullAndAnyCase(t *testing.T) {
	for _, in := range []string{"deep_blue", "DEEP_BLUE", "deep-blue", " Deep-Blue ", "COLOR_DEEP_BLUE"} {
		c, err := enums.Parse[color]("color", "COLOR_", colorValue, in)
		require.NoError(t, err, in)
		require.Equal(t, color(2), c, in)
	}
}

func TestParseRefusesUnknownAndUnspecifiedListingValidNames(t *testing.T) {
	for _, in := range []string{"", "unspecified", "COLOR_UNSPECIFIED", "reds", "red;green"} {
		_, err := enums.Parse[color]("color", "COLOR_", colorValue, in)
		require.Error(t, err, in)
		require.Contains(t, err.Error(), "one of red, deep-blue, green", in)
	}
}

func TestParseList(t *testing.T) {
	cs, err := enums.ParseList[color]("color", "COLOR_", colorValue, "red, green,,DEEP-BLUE")
	require.NoError(t, err)
	require.Equal(t, []color{1, 3, 2}, cs)
	_, err = enums.ParseList[color]("color", "COLOR_", colorValue, "red,purple")
	require.ErrorContains(t, err, `unknown color "purple"`)
	none, err := enums.ParseList[color]("color", "COLOR_", colorValue, "")
	require.NoError(t, err)
	require.Empty(t, none)
}

func TestShortKnownNames(t *testing.T) {
	require.Equal(t, "deep-blue", enums.Short("COLOR_", colorName, color(2)))
	require.Equal(t, "", enums.Short("COLOR_", colorName, color(0)), "unspecified is empty")
	require.True(t, enums.Known(colorName, color(1)))
	require.False(t, enums.Known(colorName, color(0)))
	require.False(t, enums.Known(colorName, color(9999)))
	require.Equal(t, []string{"red", "deep-blue", "green"}, enums.Names("COLOR_", colorValue))
}

func TestParseListRefusesRepeatsAndUnspecified(t *testing.T) {
	_, err := enums.ParseList[color]("color", "COLOR_", colorValue, "deep_blue,DEEP-BLUE")
	require.ErrorContains(t, err, `color "DEEP-BLUE" is listed twice`)
	_, err = enums.ParseList[color]("color", "COLOR_", colorValue, "red,unspecified")
	require.Error(t, err, "the zero value is never a choice")
}

// Every value's short name parses back to it: what the CLI prints, it reads.
func TestShortParsesBack(t *testing.T) {
	for v := range colorName {
		if v == 0 {
			continue
		}
		got, err := enums.Parse[color]("color", "COLOR_", colorValue, enums.Short("COLOR_", colorName, color(v)))
		require.NoError(t, err)
		require.Equal(t, color(v), got)
	}
}

func TestKnownRefusesZeroAndUnnamed(t *testing.T) {
	require.True(t, enums.Known(colorName, color(2)))
	require.False(t, enums.Known(colorName, color(0)), "unspecified is not a value")
	require.False(t, enums.Known(colorName, color(99)), "an unnamed number is not a value")
	require.False(t, enums.Known(colorName, color(-1)))
}

// Every name Names lists (the metrics declare their labels with it, the
// errors list the valid names with it) parses back to its value, and the
// value's short name is that name.
func TestNamesParseBack(t *testing.T) {
	for _, name := range enums.Names("COLOR_", colorValue) {
		c, err := enums.Parse[color]("color", "COLOR_", colorValue, name)
		require.NoError(t, err, name)
		require.Equal(t, name, enums.Short("COLOR_", colorName, c))
	}
}
