package types

import (
	"strings"

	"github.com/medchain/medchain/internal/enums"
)

// Code is the category's short name and FHIR code (system urn:medchain:category): lab, mental-health, ….
func (c Category) Code() string { return enums.Short("CATEGORY_", Category_name, c) }

// ParseCategory reads a category by its short or full name.
func ParseCategory(s string) (Category, error) {
	return enums.Parse[Category]("category", "CATEGORY_", Category_value, s)
}

// ParseCategories reads comma-separated category names.
func ParseCategories(s string) ([]Category, error) {
	return enums.ParseList[Category]("category", "CATEGORY_", Category_value, s)
}

// Code is the algorithm's short name as users type it: sha2-256, sha3-256.
func (a HashAlgorithm) Code() string {
	return strings.ReplaceAll(enums.Short("HASH_ALGORITHM_", HashAlgorithm_name, a), "_", "-")
}

// ParseHashAlgorithm reads sha2-256, sha2_256 or HASH_ALGORITHM_SHA2_256.
func ParseHashAlgorithm(s string) (HashAlgorithm, error) {
	return enums.Parse[HashAlgorithm]("hash algorithm", "HASH_ALGORITHM_", HashAlgorithm_value, s)
}
